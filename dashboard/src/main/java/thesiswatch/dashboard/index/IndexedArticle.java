package thesiswatch.dashboard.index;

import java.util.function.Function;
import thesiswatch.common.Languages;
import thesiswatch.common.Links;
import thesiswatch.common.TaggedArticle;

/**
 * A tagged article as the index holds it, with what is derived from it once: the source name and
 * language it is filtered by, the link as it may be shown, and (made on first use by whoever shows
 * it) its rendered form. The index keeps one instance per document while the document is read
 * often, so what is derived here is derived once for many searches.
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
    return new IndexedArticle(
        article, sourceOf(article), langOf(article), Links.web(article.link()));
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

  /**
   * The article's link when it is a web link ({@link Links#web}), else null: no {@code javascript:}
   * links on the page.
   */
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

  /**
   * The source name of {@code article}: feed title, else feed host, else link host, else {@link
   * #UNKNOWN_SOURCE}.
   */
  public static String sourceOf(TaggedArticle article) {
    if (article.feedTitle() != null && !article.feedTitle().isBlank()) {
      return article.feedTitle().strip();
    }
    String host = Links.host(article.feedUrl());
    if (host == null) {
      host = Links.host(article.link());
    }
    return host == null ? UNKNOWN_SOURCE : host;
  }

  /**
   * The language code the index filters by ({@link Languages#primaryOrUndetermined}: {@code zh-CN}
   * → {@code zh}).
   */
  public static String langOf(TaggedArticle article) {
    return Languages.primaryOrUndetermined(article.lang());
  }
}
