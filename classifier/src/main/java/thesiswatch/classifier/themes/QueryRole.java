package thesiswatch.classifier.themes;

/** What a theme query decides: whether the theme applies, or which way the article leans. */
public enum QueryRole {
  /** {@code queries}: the article is about the theme. */
  TOPIC("queries"),
  /** {@code supports}: the article bears the essay's claim out. */
  SUPPORTS("supports"),
  /** {@code challenges}: the article goes against the essay's claim. */
  CHALLENGES("challenges");

  private final String field;

  QueryRole(String field) {
    this.field = field;
  }

  /** The themes file field holding queries of this role. */
  public String field() {
    return field;
  }
}
