package thesiswatch.backfill.archive;

import java.time.Instant;
import java.util.Objects;

/**
 * One capture an archive lists for a feed.
 *
 * @param timestamp the archive's timestamp as listed (up to 14 digits), used in the playback URL
 * @param time that timestamp as an instant (missing digits read as the start of their period)
 * @param original the URL the archive captured (its scheme, {@code www.} or trailing slash may
 *     differ from the feed URL asked for)
 * @param digest the payload digest, or null when the archive lists none
 */
public record Capture(String timestamp, Instant time, String original, String digest) {

  public Capture {
    Objects.requireNonNull(timestamp, "capture timestamp must not be null");
    Objects.requireNonNull(time, "capture time must not be null");
    Objects.requireNonNull(original, "capture original URL must not be null");
  }
}
