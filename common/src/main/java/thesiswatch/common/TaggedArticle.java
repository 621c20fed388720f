package thesiswatch.common;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An article with the themes the classifier found in it, as published to {@code articles.tagged}.
 * Every article is published, tagged or not, so that shares of all articles can be computed.
 *
 * <p>The article's own fields are repeated at the top level (not nested) so that any Kafka client
 * reads {@code id}, {@code title} and {@code themes} directly.
 *
 * @param themeSetVersion hash of the themes file the tags came from; newer tags replace older ones
 * @param classified when the classifier tagged it
 * @param backfill where a backfilled article came from, or null (see {@link Article#backfill()})
 */
public record TaggedArticle(
    int schemaVersion,
    String id,
    String guid,
    String title,
    String link,
    String summary,
    Instant published,
    Instant fetched,
    String lang,
    String feedUrl,
    String feedTitle,
    List<String> sources,
    List<ThemeMatch> themes,
    String themeSetVersion,
    Instant classified,
    BackfillOrigin backfill) {

  public TaggedArticle {
    Article.requireText(id, "article id");
    Article.requireText(title, "article title");
    Objects.requireNonNull(fetched, "article fetched time must not be null");
    summary = summary == null ? "" : summary;
    sources = sources == null ? List.of() : List.copyOf(sources);
    themes = themes == null ? List.of() : List.copyOf(themes);
  }

  /** A tagged article read from a live feed (no {@link #backfill}). */
  public TaggedArticle(
      int schemaVersion,
      String id,
      String guid,
      String title,
      String link,
      String summary,
      Instant published,
      Instant fetched,
      String lang,
      String feedUrl,
      String feedTitle,
      List<String> sources,
      List<ThemeMatch> themes,
      String themeSetVersion,
      Instant classified) {
    this(
        schemaVersion,
        id,
        guid,
        title,
        link,
        summary,
        published,
        fetched,
        lang,
        feedUrl,
        feedTitle,
        sources,
        themes,
        themeSetVersion,
        classified,
        null);
  }

  /** Tags {@code article} with {@code themes} found by theme set {@code themeSetVersion}. */
  public static TaggedArticle of(
      Article article, List<ThemeMatch> themes, String themeSetVersion, Instant classified) {
    return new TaggedArticle(
        Article.SCHEMA_VERSION,
        article.id(),
        article.guid(),
        article.title(),
        article.link(),
        article.summary(),
        article.published(),
        article.fetched(),
        article.lang(),
        article.feedUrl(),
        article.feedTitle(),
        article.sources(),
        themes,
        themeSetVersion,
        classified,
        article.backfill());
  }

  /** The article without its tags. */
  public Article article() {
    return new Article(
        schemaVersion,
        id,
        guid,
        title,
        link,
        summary,
        published,
        fetched,
        lang,
        feedUrl,
        feedTitle,
        sources,
        backfill);
  }

  /** See {@link Article#effectiveTime()}. */
  public Instant effectiveTime() {
    return article().effectiveTime();
  }

  /** The ids of the themes this article was tagged with. */
  public List<String> themeIds() {
    return themes.stream().map(ThemeMatch::id).toList();
  }
}
