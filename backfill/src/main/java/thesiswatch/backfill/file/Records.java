package thesiswatch.backfill.file;

import java.io.Closeable;
import java.time.Instant;
import java.util.function.Supplier;
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

  /** A record of {@code time} (or null) whose outcome {@code outcome} computes when it runs. */
  static Record of(Instant time, Supplier<Outcome> outcome) {
    return new Record() {
      @Override
      public Instant time() {
        return time;
      }

      @Override
      public Outcome outcome() {
        return outcome.get();
      }
    };
  }

  /** A record that cannot be used, counted under {@code kind}. */
  static Record problem(String kind, Instant time) {
    return of(time, () -> Outcome.problem(kind));
  }

  /** A file that cannot be read at all: one {@code kind} record, then the end. */
  static Records unreadable(String kind) {
    return new Records() {
      private boolean given;

      @Override
      public Record next() {
        if (given) {
          return null;
        }
        given = true;
        return problem(kind, null);
      }

      @Override
      public void close() {}
    };
  }
}
