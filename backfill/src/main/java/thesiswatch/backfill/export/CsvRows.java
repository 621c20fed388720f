package thesiswatch.backfill.export;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import thesiswatch.backfill.ItemArticles;
import thesiswatch.backfill.file.Format;
import thesiswatch.backfill.file.Input;
import thesiswatch.backfill.file.Records;
import thesiswatch.common.BoundedLines;

/**
 * CSV with a header row (RFC 4180, read by Apache Commons CSV): quoted fields may hold commas,
 * quotes and newlines. A row with more fields than the header is {@code malformed_csv}; a quote
 * that never closes makes the rest of the file one {@code malformed_csv} record, or one {@code
 * too_long} record once it has spanned {@link #MAX_RECORD_CHARS}, never held whole.
 */
public final class CsvRows implements Format {

  /** The source kind. */
  public static final String KIND = "csv";

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setIgnoreHeaderCase(true)
          .setAllowMissingColumnNames(true)
          .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
          .get();

  private final ItemArticles articles;
  private final Clock clock;

  /** CSV rows made articles by {@code articles}. */
  public CsvRows(ItemArticles articles, Clock clock) {
    this.articles = articles;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Records open(Input input) throws IOException {
    ExportRows rows = new ExportRows(KIND, input.name(), articles, clock);
    Reader reader = new BufferedReader(new InputStreamReader(input.open(), StandardCharsets.UTF_8));
    reader.mark(1);
    CSVParser parser;
    RecordSpan span;
    try {
      span = new RecordSpan(skipBom(reader));
      parser = CSVParser.builder().setReader(span).setFormat(FORMAT).get();
    } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
      reader.close();
      return Records.unreadable("malformed_csv");
    }
    Iterator<CSVRecord> records = parser.iterator();
    Map<String, Integer> header = parser.getHeaderMap();
    return new Records() {
      private boolean broken;

      @Override
      public Record next() {
        if (broken) {
          return null;
        }
        try {
          if (!records.hasNext()) {
            return null;
          }
          CSVRecord record = records.next();
          span.recordEnded();
          if (header != null && record.size() > header.size()) {
            return Records.problem("malformed_csv", null);
          }
          Map<String, String> columns = new LinkedHashMap<>();
          if (header != null) {
            header.forEach(
                (name, index) ->
                    columns.put(name, index < record.size() ? record.get(index) : null));
          }
          return Records.of(null, () -> rows.outcome(columns));
        } catch (UncheckedIOException | IllegalStateException e) {
          // An unterminated quote: nothing after it can be told apart into rows.
          broken = true;
          return Records.problem(
              e.getCause() instanceof RecordTooLong ? "too_long" : "malformed_csv", null);
        }
      }

      @Override
      public void close() {
        try {
          parser.close();
        } catch (IOException e) {
          // nothing was written; a failed close loses nothing
        }
      }
    };
  }

  /**
   * Characters one record may span before reading stops: far more than a row of an article holds,
   * and what keeps a quote that never closes from holding the rest of a large file in memory.
   */
  public static final int MAX_RECORD_CHARS = BoundedLines.MAX_LINE_CHARS;

  /** Why a record's reading stopped. */
  private static final class RecordTooLong extends IOException {
    private static final long serialVersionUID = 1L;

    RecordTooLong() {
      super("a CSV record longer than " + MAX_RECORD_CHARS + " characters");
    }
  }

  /** The parser's input, which refuses to read more than {@link #MAX_RECORD_CHARS} of a record. */
  private static final class RecordSpan extends FilterReader {
    private long read;
    private long recordStart;

    RecordSpan(Reader in) {
      super(in);
    }

    /** A record was parsed: the next one starts (its first characters may be read already). */
    void recordEnded() {
      recordStart = read;
    }

    @Override
    public int read() throws IOException {
      requireWithinRecord();
      int c = super.read();
      if (c >= 0) {
        read++;
      }
      return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      requireWithinRecord();
      int count = super.read(buffer, offset, length);
      if (count > 0) {
        read += count;
      }
      return count;
    }

    private void requireWithinRecord() throws RecordTooLong {
      if (read - recordStart > MAX_RECORD_CHARS) {
        throw new RecordTooLong();
      }
    }
  }

  private static Reader skipBom(Reader reader) throws IOException {
    int first = reader.read();
    if (first != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }
}
