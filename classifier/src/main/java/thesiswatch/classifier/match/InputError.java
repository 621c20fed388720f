package thesiswatch.classifier.match;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.Objects;

/**
 * Why an input (a Kafka record, a line of {@code classify}) could not be tagged: one of a closed
 * set of stable kinds, classified once here, and a message.
 *
 * @param kind the stable kind
 * @param message what was wrong, for people
 */
public record InputError(Kind kind, String message) {

  /** The stable kinds. */
  public enum Kind {
    /** No content at all (null record value, blank line). */
    EMPTY("empty"),
    /** Not JSON. */
    INVALID_JSON("invalid_json"),
    /** JSON, but not an article (wrong shape, missing or blank title, bad field). */
    INVALID_ARTICLE("invalid_article"),
    /**
     * A {@code classify} line longer than it reads; a Kafka record cannot be, the broker bounds it.
     */
    TOO_LONG("too_long");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The key written in error records and lines, e.g. {@code invalid_json}. */
    public String key() {
      return key;
    }
  }

  public InputError {
    Objects.requireNonNull(kind, "error kind must not be null");
    Objects.requireNonNull(message, "error message must not be null");
  }

  /**
   * Classifies a failure to read an input: JSON syntax errors are {@link Kind#INVALID_JSON},
   * everything else (Jackson mapping errors, record validation) is {@link Kind#INVALID_ARTICLE}.
   */
  public static InputError of(Exception e) {
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof JsonParseException || cause instanceof JsonEOFException) {
        return new InputError(Kind.INVALID_JSON, e.getMessage());
      }
      if (cause instanceof JsonProcessingException) {
        break;
      }
      cause = cause.getCause();
    }
    return new InputError(Kind.INVALID_ARTICLE, String.valueOf(e.getMessage()));
  }
}
