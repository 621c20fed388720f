package thesiswatch.classifier.themes;

/**
 * What a theme query decides: whether the theme applies, or which way the article leans ({@code
 * thesiswatch.classifier.match.StanceRule} weighs the stance roles).
 */
public enum QueryRole {
  /** {@code queries}: the article is about the theme. */
  TOPIC("queries"),
  /** {@code supports}: the article bears the essay's claim out. */
  SUPPORTS("supports"),
  /** {@code challenges}: the article goes against the essay's claim. */
  CHALLENGES("challenges"),
  /**
   * {@code denials}: the article reports a denial of what the claim expects (a company denying
   * cuts); it challenges the claim whatever else matched.
   */
  DENIALS("denials"),
  /**
   * {@code neutral}: the article only explains or discusses (a how-to, cost talk without cuts); it
   * is neutral unless a supporting or challenging query matched.
   */
  NEUTRAL("neutral");

  private final String field;

  QueryRole(String field) {
    this.field = field;
  }

  /** The themes file field holding queries of this role. */
  public String field() {
    return field;
  }
}
