package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static thesiswatch.cli.Probes.json;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.testkit.Await;

/**
 * The offline demo as the launcher runs it — its own JVM, the product's logging configuration,
 * stopped by SIGTERM as Ctrl-C stops it: a healthy first start, a resumed start and both stops log
 * no ERROR and no WARN, and the broker is shut down before the process ends.
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // Process.destroy() is SIGTERM there
class DemoProcessIT {

  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern DASHBOARD = Pattern.compile("dashboard {2}http://localhost:(\\d+)");

  // Under target/, not beside the temp dir (where nothing removes them): the demo's logs are what
  // explains a failure in CI.
  private static final Path LOGS = Path.of("target", "demo-process");

  @TempDir Path data;

  @Test
  void aHealthyStartAndStopLogNoErrorOrWarning() throws Exception {
    Files.createDirectories(LOGS);
    for (String run : List.of("first", "resumed")) {
      Path log = LOGS.resolve(run + ".log");
      Files.deleteIfExists(log);
      Process demo = start(log);
      try {
        int port =
            Integer.parseInt(
                Await.value("the demo's banner", () -> dashboardPort(log), p -> p != null));
        Await.until(
            "tagged articles served",
            () ->
                json("http://127.0.0.1:" + port + "/api/articles?theme=layoffs&limit=1")
                        .path("total")
                        .asLong()
                    > 0);
        Await.until("the claim verdicts recorded", () -> read(log).contains("claim verdicts"));
      } finally {
        demo.destroy(); // SIGTERM
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as(run + " demo stopped").isTrue();
      }
      String text = read(log);
      assertThat(text).as(run + " run").contains("Kafka broker on port").contains("stopped");
      assertThat(text.lines().filter(line -> line.matches(".*\\b(ERROR|WARN)\\b.*")))
          .as(run + " run's log:\n" + text)
          .isEmpty();
    }
  }

  private Process start(Path log) throws IOException {
    ProcessBuilder builder =
        ChildJvm.thesiswatch(
            productFirst(System.getProperty("java.class.path")),
            List.of("-Xmx1g"),
            "demo",
            "--offline",
            "--port=0",
            "--kafka-port=0",
            "--data=" + data);
    builder.environment().put("THESISWATCH_HOME", HOME.toString());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  /**
   * The test class path with the module's own classes first, so the child reads the product's
   * {@code simplelogger.properties}, not the tests' (which shows more).
   */
  private static String productFirst(String classPath) {
    List<String> entries = new ArrayList<>(List.of(classPath.split(File.pathSeparator)));
    String main = Path.of("target", "classes").toAbsolutePath().toString();
    entries.remove(main);
    entries.add(0, main);
    return String.join(File.pathSeparator, entries);
  }

  private static String dashboardPort(Path log) {
    Matcher port = DASHBOARD.matcher(read(log));
    return port.find() ? port.group(1) : null;
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
