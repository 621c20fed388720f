package thesiswatch.classifier.match;

import java.util.List;
import java.util.Objects;
import thesiswatch.common.ThemeMatch;

/**
 * One theme found in a headline, with why: the tag as published, and the queries that matched.
 *
 * @param match the tag: theme id, score, stance, matched terms, highlighted snippet
 * @param stanceBy what decided the stance: the id of the stance query that fired ({@code
 *     <theme>/<role>/<language>/<index>}), several joined by {@code " + "} when two sides cancelled
 *     out, or {@link StanceRule#DEFAULT} when the theme's default stance applied
 * @param queries the text of every matching query, topic queries first, then stance queries
 */
public record ThemeHit(ThemeMatch match, String stanceBy, List<MatchedQuery> queries) {

  public ThemeHit {
    Objects.requireNonNull(match, "theme match must not be null");
    Objects.requireNonNull(stanceBy, "what decided the stance must not be null");
    queries = List.copyOf(queries);
  }

  /**
   * A query that matched.
   *
   * @param role {@code queries}, {@code supports} or {@code challenges}
   * @param language the query's language
   * @param query the query as written in the themes file
   */
  public record MatchedQuery(String role, String language, String query) {}
}
