package thesiswatch.cli.bench;

import java.util.Locale;

/** Where {@code bench pipeline}'s articles come from ({@code --source}). */
public enum BenchSource {

  /**
   * Produced straight to {@code articles} before the clock starts: no ingest in the measurement.
   */
  SYNTHETIC,

  /**
   * Served as RSS by a {@link FeedShelf} on loopback and read by the real ingest inside the clock:
   * fetch, parse, dedupe and ingest's transactions are in the measurement too.
   */
  FEEDS;

  /** The value as written on the command line (picocli matches and lists enums by it). */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
