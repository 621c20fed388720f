package thesiswatch.classifier.match;

import java.util.List;
import java.util.Objects;
import thesiswatch.classifier.themes.QueryRole;
import thesiswatch.classifier.themes.ThemeQuery;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.ThemeMatch;

/**
 * The one rule that turns a theme's matching stance queries into the article's stance towards the
 * essay's claim (issue 13's contract, written beside each claim in {@code seeds/themes.yml}), in
 * this order:
 *
 * <ol>
 *   <li>a {@code denials} query matched → {@code challenges} (a denial of cuts is not a cut,
 *       whatever else the headline says);
 *   <li>{@code supports} and {@code challenges} queries both matched → {@code neutral} (the
 *       headline pulls both ways);
 *   <li>only one side matched → that side;
 *   <li>a {@code neutral} query matched → {@code neutral} (an explainer about cuts is not a cut);
 *   <li>nothing matched → the theme's {@code default_stance}.
 * </ol>
 *
 * <p>Pure: it knows nothing of Lucene or the headline; it also says what decided, so {@code
 * classify --explain} can show it.
 */
public final class StanceRule {

  /** What {@link Decision#by()} says when the theme's default stance applied. */
  public static final String DEFAULT = "default";

  /** Joins the ids of the queries of two sides that cancelled out. */
  static final String BOTH = " + ";

  private StanceRule() {}

  /**
   * A stance and what decided it.
   *
   * @param stance {@code supports}, {@code challenges} or {@code neutral}
   * @param by the id of the deciding query, the first of each side joined by {@code " + "} when
   *     both sides matched, or {@link #DEFAULT}
   */
  public record Decision(String stance, String by) {
    public Decision {
      if (!ThemeSet.STANCES.contains(stance)) {
        throw new IllegalArgumentException("unknown stance " + stance);
      }
      Objects.requireNonNull(by, "what decided the stance must not be null");
    }
  }

  /**
   * The stance of an article on one theme.
   *
   * @param defaultStance the theme's {@code default_stance}
   * @param matched the theme's queries that matched the article, in file order; topic queries are
   *     ignored
   */
  public static Decision decide(String defaultStance, List<ThemeQuery> matched) {
    ThemeQuery denial = first(matched, QueryRole.DENIALS);
    if (denial != null) {
      return new Decision(ThemeMatch.CHALLENGES, denial.id());
    }
    ThemeQuery supports = first(matched, QueryRole.SUPPORTS);
    ThemeQuery challenges = first(matched, QueryRole.CHALLENGES);
    if (supports != null && challenges != null) {
      return new Decision(ThemeMatch.NEUTRAL, supports.id() + BOTH + challenges.id());
    }
    if (supports != null) {
      return new Decision(ThemeMatch.SUPPORTS, supports.id());
    }
    if (challenges != null) {
      return new Decision(ThemeMatch.CHALLENGES, challenges.id());
    }
    ThemeQuery neutral = first(matched, QueryRole.NEUTRAL);
    if (neutral != null) {
      return new Decision(ThemeMatch.NEUTRAL, neutral.id());
    }
    return new Decision(defaultStance, DEFAULT);
  }

  private static ThemeQuery first(List<ThemeQuery> matched, QueryRole role) {
    return matched.stream().filter(q -> q.role() == role).findFirst().orElse(null);
  }
}
