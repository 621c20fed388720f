package thesiswatch.dashboard.intake;

import java.util.Objects;

/**
 * Why a record of {@code articles.tagged} is not indexed: one of a closed set of stable kinds (the
 * dead letter's {@code thesiswatch.error.kind}) and a message for people.
 *
 * @param kind one of the constants of this class
 * @param message what was wrong
 */
public record RecordProblem(String kind, String message) {

  /** No content: a null value (tombstone) or only whitespace. */
  public static final String EMPTY = "empty";

  /** Not JSON. */
  public static final String INVALID_JSON = "invalid_json";

  /** JSON, but not a tagged article (wrong shape, a blank title, an impossible field). */
  public static final String INVALID_ARTICLE = "invalid_article";

  /** Its fetch time lies outside the sane window, so it has no time to be counted at. */
  public static final String TIME_OUT_OF_RANGE = "time_out_of_range";

  /** A readable article the index refused (e.g. a term longer than Lucene's limit). */
  public static final String UNINDEXABLE = "unindexable";

  public RecordProblem {
    Objects.requireNonNull(kind, "problem kind must not be null");
    message = String.valueOf(message);
  }
}
