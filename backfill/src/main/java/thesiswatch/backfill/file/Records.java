package thesiswatch.backfill.file;

import java.io.Closeable;
import java.time.Instant;
import thesiswatch.backfill.run.Outcome;

/**
 * The records of one open file, in file order. Never throws for bad input: a record that cannot be
 * read comes back as one whose outcome is its problem, and a file that cannot be read further ends
 * after such a record.
 */
public interface Records extends Closeable {

  /** One record: when it happened (or null), and what it holds. */
  interface Record {
    /** The capture time (a WARC record's date), or null when the record has none. */
    Instant time();

    /** Its articles, or its problem. */
    Outcome outcome();
  }

  /** The next record, or null at the end. */
  Record next();

  @Override
  void close();
}
