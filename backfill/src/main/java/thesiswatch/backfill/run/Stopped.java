package thesiswatch.backfill.run;

/**
 * A source cannot go on (its archive keeps failing, or cannot be reached at all): the run stops,
 * commits what it did, and the same command resumes it later.
 */
public final class Stopped extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why the run stops, as the summary says it, and the fault behind it. */
  public Stopped(String message, Throwable cause) {
    super(message, cause);
  }
}
