package thesiswatch.backfill.file;

import java.io.IOException;

/** How a kind of file is read: WARC, JSON lines, CSV. */
public interface Format {

  /** {@code warc}, {@code jsonl} or {@code csv}. */
  String kind();

  /** Opens {@code input} for reading its records. */
  Records open(Input input) throws IOException;
}
