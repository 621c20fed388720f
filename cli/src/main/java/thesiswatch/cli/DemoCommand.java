package thesiswatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import thesiswatch.cli.demo.Demo;

/** {@code thesiswatch demo}: everything in one JVM on a real embedded Kafka broker. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run everything in one JVM: a real Kafka broker (KRaft), ingest, classifier and dashboard,"
            + " with the bundled sample feeds.")
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--offline",
      description =
          "The bundled fictional sample feeds only; without it, the live feeds of seeds/feeds.opml"
              + " only.")
  boolean offline;

  @Option(
      names = "--no-backfill",
      description =
          "Live mode: do not backfill the feeds' history (since 2024-07-01) from the Wayback"
              + " Machine in the background.")
  boolean noBackfill;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Dashboard port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka port (default ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--data",
      defaultValue = "data",
      paramLabel = "DIR",
      description = "Data directory, kept between runs (default ./${DEFAULT-VALUE}).")
  Path data;

  @Override
  public Integer call() throws Exception {
    Demo demo =
        Demo.start(new Demo.Options(data, port, kafkaPort, offline, Home.seeds(), !noBackfill));
    // So that query, reclassify and backfill find this demo on whatever ports it runs.
    new Addresses("http://localhost:" + demo.dashboardPort(), "localhost:" + demo.kafkaPort())
        .write(data);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("thesiswatch demo: stopping…");
                  demo.close();
                  Addresses.forget(data);
                  stopped.countDown();
                },
                "demo-shutdown"));
    System.out.println();
    System.out.println(
        "thesiswatch demo is running ("
            + (offline
                ? "bundled fictional sample feeds only"
                : noBackfill
                    ? "live feeds"
                    : "live feeds, their history backfilled from the Wayback Machine in the"
                        + " background")
            + ")");
    System.out.println("  dashboard  http://localhost:" + demo.dashboardPort());
    System.out.println(
        "  kafka      localhost:"
            + demo.kafkaPort()
            + "  (topics articles, articles.tagged, feed-state, backfill-state, theme-alerts,"
            + " claim-verdicts)");
    System.out.println(
        "  data       "
            + data.toAbsolutePath().normalize()
            + "  (addresses in "
            + Addresses.FILE
            + ", read by query, reclassify and backfill)");
    System.out.println("Ctrl-C stops it; the next run resumes from the data directory.");
    stopped.await();
    return 0;
  }
}
