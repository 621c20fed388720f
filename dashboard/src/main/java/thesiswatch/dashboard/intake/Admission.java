package thesiswatch.dashboard.intake;

import thesiswatch.common.TaggedArticle;

/** What {@link TaggedRecordCheck} decided about one record: index this article, or refuse why. */
public sealed interface Admission {

  /**
   * The record is indexed as {@code article}.
   *
   * @param article the article to index (its published time dropped when that was not sane)
   * @param publishedDropped whether the record's published time was outside the sane window, so
   *     that the article is counted at its fetch time
   */
  record Admitted(TaggedArticle article, boolean publishedDropped) implements Admission {}

  /**
   * The record is not indexed and goes to the dead-letter topic.
   *
   * @param problem why
   */
  record Refused(RecordProblem problem) implements Admission {}
}
