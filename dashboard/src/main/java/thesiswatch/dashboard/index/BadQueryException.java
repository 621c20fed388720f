package thesiswatch.dashboard.index;

/**
 * A user's query or filter cannot be run as given (too long, too deep, a leading wildcard, ...).
 * The HTTP layer turns it into a 400 with {@link #kind()} as the error and the message as detail.
 */
public final class BadQueryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String kind;

  /** A rejected query of stable kind {@code kind} (e.g. {@code query_too_long}). */
  public BadQueryException(String kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** The stable error kind. */
  public String kind() {
    return kind;
  }
}
