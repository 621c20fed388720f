package thesiswatch.dashboard.index;

import java.time.Instant;

/**
 * Structured filters shared by trends, search and the scorecard. Every field may be null (no
 * filter).
 *
 * @param theme a theme id
 * @param stance {@code supports}, {@code challenges} or {@code neutral} (towards {@code theme} when
 *     given, else any theme)
 * @param lang a language code as the article carries it, e.g. {@code zh} or {@code en}
 * @param source a source name as {@link IndexedArticle#source()} reports it
 * @param from inclusive lower bound of the effective time
 * @param to exclusive upper bound of the effective time
 */
public record ArticleFilter(
    String theme, String stance, String lang, String source, Instant from, Instant to) {

  /** No filter at all. */
  public static final ArticleFilter ALL = new ArticleFilter(null, null, null, null, null, null);

  public ArticleFilter {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }

  /** This filter for theme {@code id}. */
  public ArticleFilter withTheme(String id) {
    return new ArticleFilter(id, stance, lang, source, from, to);
  }

  /** This filter with stance {@code value}. */
  public ArticleFilter withStance(String value) {
    return new ArticleFilter(theme, value, lang, source, from, to);
  }

  /** This filter over {@code [start, end)}. */
  public ArticleFilter between(Instant start, Instant end) {
    return new ArticleFilter(theme, stance, lang, source, start, end);
  }
}
