package thesiswatch.common;

import java.util.List;

/**
 * Why an article was tagged with one theme.
 *
 * @param id the theme id, e.g. {@code layoffs}
 * @param score how strongly the theme matched (higher is stronger; comparable within one theme set)
 * @param stance {@code supports}, {@code challenges} or {@code neutral} with respect to the essay's
 *     claim
 * @param matched the query terms found in the article
 * @param snippet the headline or summary with matched terms marked, or null
 * @param stanceBy what decided the stance: the id of the stance query that fired, two ids joined by
 *     {@code " + "} when both sides matched and cancelled out, or {@code default} (the theme's
 *     default stance); null on tags written before it was recorded
 */
public record ThemeMatch(
    String id, double score, String stance, List<String> matched, String snippet, String stanceBy) {

  /** Stance when neither a supporting nor a challenging query matched. */
  public static final String NEUTRAL = "neutral";

  /** Stance when the article supports the essay's claim for the theme. */
  public static final String SUPPORTS = "supports";

  /** Stance when the article challenges the essay's claim for the theme. */
  public static final String CHALLENGES = "challenges";

  public ThemeMatch {
    Article.requireText(id, "theme id");
    stance = stance == null ? NEUTRAL : stance;
    if (!stance.equals(NEUTRAL) && !stance.equals(SUPPORTS) && !stance.equals(CHALLENGES)) {
      throw new IllegalArgumentException(
          "theme stance must be supports, challenges or neutral, not '" + stance + "'");
    }
    matched = matched == null ? List.of() : List.copyOf(matched);
  }

  /** A tag without a record of what decided its stance. */
  public ThemeMatch(String id, double score, String stance, List<String> matched, String snippet) {
    this(id, score, stance, matched, snippet, null);
  }
}
