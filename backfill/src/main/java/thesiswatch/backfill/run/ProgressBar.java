package thesiswatch.backfill.run;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The progress bar on stderr: done of total, articles published, rate and time left, redrawn in
 * place on a terminal at most a few times a second, and as a new line every {@link #LINE_EVERY}
 * elsewhere (a log keeps every line); the summary at the end.
 */
public final class ProgressBar implements Listener {

  /** How often a non-terminal gets a line. */
  static final Duration LINE_EVERY = Duration.ofSeconds(30);

  private static final Duration REDRAW_EVERY = Duration.ofMillis(200);
  private static final int WIDTH = 24;

  private final PrintStream err;
  private final boolean terminal;
  private final Clock clock;
  private Instant started;
  private Instant drawn = Instant.MIN;
  private String unit = "records";

  /** A bar on {@code err}, redrawn in place when {@code terminal}. */
  public ProgressBar(PrintStream err, boolean terminal, Clock clock) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
  }

  @Override
  public void started(String kind, long remaining) {
    started = clock.instant();
    unit = kind.equals("archive") ? "captures" : "records";
    err.println("backfill " + kind + ": " + remaining + " " + unit + " to do");
  }

  @Override
  public void stepped(Summary soFar) {
    Instant now = clock.instant();
    Duration gap = terminal ? REDRAW_EVERY : LINE_EVERY;
    if (Duration.between(drawn, now).compareTo(gap) < 0 && soFar.done() < soFar.total()) {
      return;
    }
    drawn = now;
    String line = line(soFar, Duration.between(started, now));
    if (terminal) {
      err.print("\r" + line + "   ");
    } else {
      err.println(line);
    }
    err.flush();
  }

  @Override
  public void finished(Summary summary) {
    if (terminal && !drawn.equals(Instant.MIN)) {
      err.println();
    }
    err.println(summary.line());
  }

  /** One state of the bar. */
  String line(Summary soFar, Duration elapsed) {
    long total = Math.max(soFar.total(), 1);
    int filled = (int) Math.min(WIDTH, soFar.done() * WIDTH / total);
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    double rate = soFar.done() / seconds;
    String left =
        rate > 0
            ? duration(Duration.ofSeconds((long) ((soFar.total() - soFar.done()) / rate)))
            : "?";
    return String.format(
        "[%s%s] %d/%d %s · %d articles · %.1f/s · %s left",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        soFar.done(),
        soFar.total(),
        unit,
        soFar.articles(),
        rate,
        left);
  }

  /** {@code 1h02m}, {@code 4m05s} or {@code 12s}. */
  static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
    }
    if (s >= 60) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }
}
