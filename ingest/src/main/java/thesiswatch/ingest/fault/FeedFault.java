package thesiswatch.ingest.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * A feed fetch or parse that failed for a classified reason. Messages start with the stage that
 * failed ({@code fetch: } or {@code parse: }) so a log line says where without a stack trace.
 */
public final class FeedFault extends Exception {

  private static final long serialVersionUID = 1L;

  private final FaultKind kind;
  private final Duration retryAfter;
  private final int status;

  /** A fault of {@code kind}; {@code message} says what happened, with the stage prefix. */
  public FeedFault(FaultKind kind, String message) {
    this(kind, message, null, null);
  }

  /** A fault caused by {@code cause}. */
  public FeedFault(FaultKind kind, String message, Throwable cause) {
    this(kind, message, null, cause);
  }

  /** A rate-limit fault carrying the server's {@code Retry-After} (null when it sent none). */
  public FeedFault(FaultKind kind, String message, Duration retryAfter, Throwable cause) {
    this(kind, message, 0, retryAfter, cause);
  }

  /**
   * A fault for an HTTP answer with {@code status}, so a caller can tell a server error (worth a
   * retry) from a refusal; {@code retryAfter} as the server sent it, or null.
   */
  public FeedFault(
      FaultKind kind, String message, int status, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "fault kind must not be null");
    this.retryAfter = retryAfter;
    this.status = status;
  }

  /** Why it failed. */
  public FaultKind kind() {
    return kind;
  }

  /** The HTTP status the server answered, or 0 when the fault is not an HTTP answer. */
  public int status() {
    return status;
  }

  /** How long the server asked us to wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
