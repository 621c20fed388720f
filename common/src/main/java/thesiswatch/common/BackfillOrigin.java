package thesiswatch.common;

import java.time.Instant;

/**
 * Where a backfilled article came from: what the dashboard needs to tell history from live news
 * (e.g. to record past spikes as historical, or to mark days with few captures).
 *
 * @param source how it was read: {@code archive} (a web archive's captures of a feed), {@code
 *     warc}, {@code jsonl} or {@code csv}
 * @param from the archive's base URL, or the WARC or export file (or URL) as given
 * @param captured when the archive or the crawler captured the bytes (the CDX timestamp, the WARC
 *     record's date); null for an export row, which has no capture
 */
public record BackfillOrigin(String source, String from, Instant captured) {

  public BackfillOrigin {
    Article.requireText(source, "backfill source");
    Article.requireText(from, "backfill origin");
  }
}
