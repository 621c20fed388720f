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
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "fault kind must not be null");
    this.retryAfter = retryAfter;
  }

  /** Why it failed. */
  public FaultKind kind() {
    return kind;
  }

  /** How long the server asked us to wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
