package thesiswatch.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import thesiswatch.backfill.archive.ArchiveSource;
import thesiswatch.backfill.archive.Pacer;
import thesiswatch.backfill.archive.Rates;
import thesiswatch.backfill.export.CsvRows;
import thesiswatch.backfill.export.JsonLines;
import thesiswatch.backfill.file.FileSource;
import thesiswatch.backfill.file.Format;
import thesiswatch.backfill.file.Input;
import thesiswatch.backfill.warc.WarcFiles;
import thesiswatch.ingest.FeedReader;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.parse.FeedParser;

/** Builds each source from ingest's settings, so every fetch and parse is ingest's own. */
public final class Sources {

  /** Default rate of capture requests per archive: one a second. */
  public static final String DEFAULT_RATE = "60/min";

  /**
   * Default rate of CDX requests per archive: below the Wayback Machine's hard limit of 24 a
   * minute.
   */
  public static final String DEFAULT_CDX_RATE = "20/min";

  /** Default first wait after a refusal or a failure; the Wayback Machine asks for a minute. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofMinutes(1);

  /** Longest wait between two attempts. */
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

  /** Default failures in a row that stop a run. */
  public static final int DEFAULT_MAX_FAILURES = 6;

  private Sources() {}

  /**
   * How politely to ask an archive.
   *
   * @param rate capture requests, e.g. {@code 60/min}
   * @param cdxRate CDX requests, e.g. {@code 20/min}
   * @param backoff first wait after a failure (doubling up to {@link #MAX_BACKOFF})
   * @param maxFailures failures in a row that stop the run
   */
  public record Politeness(String rate, String cdxRate, Duration backoff, int maxFailures) {

    /** The defaults. */
    public static final Politeness DEFAULTS =
        new Politeness(DEFAULT_RATE, DEFAULT_CDX_RATE, DEFAULT_BACKOFF, DEFAULT_MAX_FAILURES);
  }

  /** The history of {@code feeds} in {@code archive} from {@code from} to {@code to}. */
  public static ArchiveSource archive(
      String archive,
      List<FeedSpec> feeds,
      LocalDate from,
      LocalDate to,
      Politeness politeness,
      IngestConfig config,
      Clock clock,
      Pacer.Sleeper sleeper,
      boolean stopWhenUnreachable) {
    Duration maxBackoff =
        politeness.backoff().compareTo(MAX_BACKOFF) > 0 ? politeness.backoff() : MAX_BACKOFF;
    String host = archive.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
    return new ArchiveSource(
        archive,
        feeds,
        from,
        to,
        new FeedReader(config, clock),
        new FeedParser(config.maxEntries()),
        new Pacer(
            host,
            Rates.interval(politeness.cdxRate()),
            politeness.backoff(),
            maxBackoff,
            politeness.maxFailures(),
            clock,
            sleeper),
        new Pacer(
            host,
            Rates.interval(politeness.rate()),
            politeness.backoff(),
            maxBackoff,
            politeness.maxFailures(),
            clock,
            sleeper),
        clock,
        stopWhenUnreachable);
  }

  /**
   * The files (or, for WARC, URLs) {@code inputs} as a {@code kind} source: {@code warc}, {@code
   * jsonl} or {@code csv}.
   *
   * @throws IllegalArgumentException for another kind
   * @throws FeedFault when a URL cannot be fetched
   */
  public static FileSource files(String kind, List<String> inputs, IngestConfig config, Clock clock)
      throws FeedFault {
    ItemArticles articles = new ItemArticles(clock);
    Format format =
        switch (kind) {
          case WarcFiles.KIND ->
              new WarcFiles(
                  articles, new FeedParser(config.maxEntries()), config.maxBodyBytes(), clock);
          case JsonLines.KIND -> new JsonLines(articles, clock);
          case CsvRows.KIND -> new CsvRows(articles, clock);
          default -> throw new IllegalArgumentException("no such file source: " + kind);
        };
    FeedReader reader = kind.equals(WarcFiles.KIND) ? new FeedReader(config, clock) : null;
    List<Input> opened = new ArrayList<>();
    for (String input : inputs) {
      opened.add(Input.of(input, reader));
    }
    return new FileSource(format, opened, clock);
  }
}
