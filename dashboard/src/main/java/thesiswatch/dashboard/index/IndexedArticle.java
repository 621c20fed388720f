package thesiswatch.dashboard.index;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import thesiswatch.common.TaggedArticle;

/**
 * A tagged article as the index holds it, with what is derived from it once: the source name and
 * language it is filtered by, and the link as it may be shown.
 *
 * @param article the record as read from {@code articles.tagged}
 * @param source the feed's title, else the feed's host, else the link's host, else {@code unknown}
 * @param lang {@link #langOf(TaggedArticle)}
 * @param safeLink {@link #safeLink(String)} of the article's link
 */
public record IndexedArticle(TaggedArticle article, String source, String lang, String safeLink) {

  /** Source name when neither a feed title nor a host is known. */
  public static final String UNKNOWN_SOURCE = "unknown";

  /** The article with what is derived from it. */
  public static IndexedArticle of(TaggedArticle article) {
    return new IndexedArticle(article, sourceOf(article), langOf(article), safeLink(article.link()));
  }

  /** The source name of {@code article}. */
  public static String sourceOf(TaggedArticle article) {
    if (article.feedTitle() != null && !article.feedTitle().isBlank()) {
      return article.feedTitle().strip();
    }
    String host = hostOf(article.feedUrl());
    if (host == null) {
      host = hostOf(article.link());
    }
    return host == null ? UNKNOWN_SOURCE : host;
  }

  /** The language code the index filters by: lower case, region dropped ({@code zh-CN} → {@code zh}). */
  public static String langOf(TaggedArticle article) {
    String lang = article.lang();
    if (lang == null || lang.isBlank()) {
      return "und";
    }
    String primary = lang.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    return primary.isEmpty() ? "und" : primary;
  }

  /** {@code link} when it is an absolute http(s) URL, else null: no {@code javascript:} or {@code data:} links. */
  public static String safeLink(String link) {
    if (link == null) {
      return null;
    }
    try {
      URI uri = new URI(link.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String hostOf(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      String host = URI.create(url.strip()).getHost();
      return host == null || host.isBlank() ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
