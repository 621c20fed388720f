package thesiswatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import thesiswatch.backfill.BackfillJob;
import thesiswatch.backfill.Sources;
import thesiswatch.backfill.archive.ArchiveSource;
import thesiswatch.backfill.export.CsvRows;
import thesiswatch.backfill.export.JsonLines;
import thesiswatch.backfill.run.Plan;
import thesiswatch.backfill.run.ProgressBar;
import thesiswatch.backfill.run.Source;
import thesiswatch.backfill.run.Stopped;
import thesiswatch.backfill.run.Summary;
import thesiswatch.backfill.warc.WarcFiles;
import thesiswatch.common.Env;
import thesiswatch.common.KafkaBootstrap;
import thesiswatch.common.Links;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.feeds.FeedList;
import thesiswatch.ingest.feeds.FeedSpec;

/**
 * {@code thesiswatch backfill archive|warc|jsonl|csv …}: history into {@code articles} through
 * ingest's fetcher, parser and ids, resumable from {@code backfill-state}. Exit status 0 when the
 * run finished, 1 when it stopped early (it resumes), 2 when it could not start.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description =
        "Backfill history into the articles topic: a web archive's captures of feeds, WARC files,"
            + " or JSONL and CSV exports. Resumable; publishes nothing twice.",
    subcommands = {
      BackfillCommand.Archive.class,
      BackfillCommand.Warc.class,
      BackfillCommand.Jsonl.class,
      BackfillCommand.Csv.class
    })
final class BackfillCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every source takes. */
  static final class Common {
    @Mixin BrokerOptions brokerOptions;

    @Option(
        names = "--dry-run",
        description = "List what would be fetched or read, publish nothing.")
    boolean dryRun;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /**
     * The broker to write to: {@code --kafka}, else {@code KAFKA_BOOTSTRAP_SERVERS}, else the one a
     * demo wrote into {@code --data}, else the default.
     */
    Addresses.Chosen broker(Env env) {
      return brokerOptions.broker(env.string(KafkaBootstrap.VARIABLE, null));
    }

    /** Runs {@code source}, printing the progress bar and the summary on stderr. */
    int run(Source source, Env env, IngestConfig config) {
      Addresses.Chosen broker = broker(env);
      System.err.println("thesiswatch backfill: " + broker.describe("kafka"));
      String bootstrap = broker.value();
      BackfillJob job =
          new BackfillJob(source, bootstrap, config, Clock.systemUTC())
              .replication(TopicsCommand.configure(env).replication());
      PrintWriter out = spec.commandLine().getOut();
      if (dryRun) {
        try {
          Plan plan = job.dryRun(true, System.err::println);
          plan.listing().forEach(out::println);
          out.flush();
          System.err.println(
              "backfill "
                  + source.kind()
                  + " --dry-run: "
                  + plan.remaining()
                  + " to fetch or read"
                  + (plan.problems().isEmpty() ? "" : ", problems " + plan.problems()));
          return 0;
        } catch (Stopped stop) {
          System.err.println(stop.getMessage());
          return 1;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 1;
        }
      }
      Thread main = Thread.currentThread();
      Thread hook =
          new Thread(
              () -> {
                // Ctrl-C or SIGTERM: finish the step in hand, commit, print the summary.
                job.requestStop();
                try {
                  main.join(30_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "backfill-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        Summary summary =
            job.run(new ProgressBar(System.err, System.console() != null, Clock.systemUTC()));
        return summary.stopped() == null ? 0 : 1;
      } catch (KafkaException e) {
        throw new IllegalStateException(
            "Kafka at " + bootstrap + ": " + e.getMessage() + " (the same command resumes)", e);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it waits for this thread
        }
      }
    }
  }

  /** {@code backfill archive}. */
  @Command(
      name = "archive",
      mixinStandardHelpOptions = true,
      description =
          "The history of feeds from a web archive that speaks the CDX server API (the Wayback"
              + " Machine, pywb).")
  static final class Archive implements Callable<Integer> {

    @Option(
        names = "--from",
        required = true,
        paramLabel = "DATE",
        description = "First day (UTC), e.g. 2024-07-01.")
    String from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "DATE",
        description = "Last day (UTC), included, e.g. 2025-12-31.")
    String to;

    @ArgGroup(multiplicity = "0..1")
    FeedChoice feeds;

    static final class FeedChoice {
      @Option(
          names = "--feeds",
          paramLabel = "FILE",
          description = "An OPML feed list (default: FEEDS_FILE, else seeds/feeds.opml).")
      Path file;

      @Option(names = "--feed", paramLabel = "URL", description = "A feed URL; repeatable.")
      List<String> urls;
    }

    @Option(
        names = "--archive",
        paramLabel = "URL",
        defaultValue = ArchiveSource.WAYBACK,
        description = "The archive's base URL (default ${DEFAULT-VALUE}).")
    String archive;

    @Option(
        names = "--rate",
        defaultValue = Sources.DEFAULT_RATE,
        description =
            "Capture requests to the archive, per s, min or h (default ${DEFAULT-VALUE}).")
    String rate;

    @Option(
        names = "--cdx-rate",
        defaultValue = Sources.DEFAULT_CDX_RATE,
        description = "CDX listing requests to the archive (default ${DEFAULT-VALUE}).")
    String cdxRate;

    @Option(
        names = "--backoff",
        defaultValue = "1m",
        description =
            "First wait after a 429, a 5xx or a network failure; doubles (default"
                + " ${DEFAULT-VALUE}). Retry-After is honoured when longer.")
    String backoff;

    @Option(
        names = "--max-failures",
        defaultValue = "" + Sources.DEFAULT_MAX_FAILURES,
        description = "Failures in a row that stop the run (default ${DEFAULT-VALUE}).")
    int maxFailures;

    @Mixin Common common;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Env env = ServiceCommand.environment();
      IngestConfig config = IngestConfig.from(env);
      List<FeedSpec> specs = new ArrayList<>();
      if (feeds != null && feeds.urls != null) {
        feeds.urls.forEach(url -> specs.add(FeedSpec.of(url, null)));
      } else {
        Path list = feeds != null && feeds.file != null ? feeds.file : config.feedsFile();
        FeedList.read(list).stream().filter(FeedSpec::enabled).forEach(specs::add);
      }
      // Captures are of web addresses, asked of a web archive: anything else is a typing error.
      if (Links.web(archive) == null || Links.host(archive) == null) {
        throw new ParameterException(
            spec.commandLine(),
            "invalid --archive '" + archive + "': expected an http or https URL");
      }
      boolean named = feeds != null && feeds.urls != null;
      for (FeedSpec feed : List.copyOf(specs)) {
        if (Links.web(feed.url()) != null) {
          continue;
        }
        String why = "'" + feed.url() + "': archives hold captures of http and https URLs";
        if (named) {
          throw new ParameterException(spec.commandLine(), "invalid --feed " + why);
        }
        spec.commandLine().getErr().println("thesiswatch archive: leaving out the feed " + why);
        specs.remove(feed);
      }
      Duration wait = Env.parseDuration(backoff);
      if (wait == null) {
        throw new ParameterException(
            spec.commandLine(), "invalid --backoff '" + backoff + "': expected e.g. 30s or 1m");
      }
      Source source =
          Sources.archive(
              archive,
              specs,
              day("--from", from),
              day("--to", to),
              new Sources.Politeness(rate, cdxRate, wait, maxFailures),
              config,
              Clock.systemUTC(),
              duration -> Thread.sleep(duration.toMillis()),
              false);
      return common.run(source, env, config);
    }

    private LocalDate day(String option, String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new ParameterException(
            spec.commandLine(),
            "invalid " + option + " '" + value + "': expected a date such as 2025-01-31");
      }
    }
  }

  /** A file source's command: its inputs, read in order. */
  abstract static class Files implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to read, in order.")
    List<String> files;

    @Mixin Common common;

    abstract String kind();

    @Override
    public Integer call() throws FeedFault {
      Env env = ServiceCommand.environment();
      IngestConfig config = IngestConfig.from(env);
      return common.run(Sources.files(kind(), files, config, Clock.systemUTC()), env, config);
    }
  }

  /** {@code backfill warc}. */
  @Command(
      name = "warc",
      mixinStandardHelpOptions = true,
      description =
          "News pages (and feeds) in WARC files or URLs, e.g. Common Crawl's CC-NEWS: title, link,"
              + " time and language from JSON-LD, Open Graph and <meta>.")
  static final class Warc extends Files {
    @Override
    String kind() {
      return WarcFiles.KIND;
    }
  }

  /** {@code backfill jsonl}. */
  @Command(
      name = "jsonl",
      mixinStandardHelpOptions = true,
      description =
          "Article exports, one JSON object per line (GDELT DOC API article lists, Media Cloud"
              + " stories, or any with title, url and a time).")
  static final class Jsonl extends Files {
    @Override
    String kind() {
      return JsonLines.KIND;
    }
  }

  /** {@code backfill csv}. */
  @Command(
      name = "csv",
      mixinStandardHelpOptions = true,
      description =
          "Article exports as CSV with a header row (GDELT, Media Cloud, or any with title, url"
              + " and a time); quoted fields may hold commas and newlines.")
  static final class Csv extends Files {
    @Override
    String kind() {
      return CsvRows.KIND;
    }
  }
}
