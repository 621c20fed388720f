package thesiswatch.dashboard.index;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Function;
import thesiswatch.common.TaggedArticle;

/**
 * A tagged article as the index holds it, with what is derived from it once: the source name and
 * language it is filtered by, the link as it may be shown, and (made on first use by whoever
 * shows it) its rendered form. The index keeps one instance per document while the document is
 * read often, so what is derived here is derived once for many searches.
 */
public final class IndexedArticle {

  /** Source name when neither a feed title nor a host is known. */
  public static final String UNKNOWN_SOURCE = "unknown";

  private final TaggedArticle article;
  private final String source;
  private final String lang;
  private final String safeLink;
  private volatile Rendering rendering;

  private record Rendering(Function<IndexedArticle, ?> render, Object result) {}

  private IndexedArticle(TaggedArticle article, String source, String lang, String safeLink) {
    this.article = article;
    this.source = source;
    this.lang = lang;
    this.safeLink = safeLink;
  }

  /** The article with what is derived from it. */
  public static IndexedArticle of(TaggedArticle article) {
    return new IndexedArticle(article, sourceOf(article), langOf(article), safeLink(article.link()));
  }

  /** The record as read from {@code articles.tagged}. */
  public TaggedArticle article() {
    return article;
  }

  /** {@link #sourceOf(TaggedArticle)} of the article. */
  public String source() {
    return source;
  }

  /** {@link #langOf(TaggedArticle)} of the article. */
  public String lang() {
    return lang;
  }

  /** {@link #safeLink(String)} of the article's link. */
  public String safeLink() {
    return safeLink;
  }

  /**
   * What {@code render} makes of this article, made on the first call and kept. One renderer is
   * kept (the first one asked for); any other is run on every call.
   */
  @SuppressWarnings("unchecked")
  public <T> T rendered(Function<IndexedArticle, T> render) {
    Rendering kept = rendering;
    if (kept != null && kept.render() == render) {
      return (T) kept.result();
    }
    T made = render.apply(this);
    if (kept == null) {
      rendering = new Rendering(render, made);
    }
    return made;
  }

  /** The source name of {@code article}: feed title, else feed host, else link host, else {@link #UNKNOWN_SOURCE}. */
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
