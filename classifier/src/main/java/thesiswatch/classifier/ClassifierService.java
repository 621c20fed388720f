package thesiswatch.classifier;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.classifier.kafka.TaggingLoop;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.classifier.themes.ThemesWatcher;
import thesiswatch.common.Service;
import thesiswatch.common.StallWatch;

/**
 * The classifier service: tags every article of {@code articles} against the themes file and
 * publishes it to {@code articles.tagged}, exactly once (see {@link TaggingLoop}), on one named
 * thread. Scale it by starting more instances with distinct transactional ids: they share the
 * partitions through the consumer group.
 *
 * <p>The themes file is checked every {@code CLASSIFIER_THEMES_RELOAD}: a valid new file takes over
 * for the next batch, with its new version; an invalid one (including one over the {@link
 * thesiswatch.classifier.themes.QueryLimits}) is refused with a log line naming the problem, {@link
 * #themesValid()} turns false (so do {@code /ready} and the themes-valid gauge), and the old set
 * keeps tagging. Nothing in a themes file can end the tagging thread.
 *
 * <p>Not ready either while stalled: a batch has waited to be read again with no commit for {@code
 * CLASSIFIER_STALL_AFTER} (Kafka refusing every transaction, say).
 */
public final class ClassifierService implements Service {

  private static final Logger log = LoggerFactory.getLogger(ClassifierService.class);

  /** Name of the tagging thread. */
  public static final String THREAD_NAME = "classifier-tagging";

  private final ClassifierConfig config;
  private final ClassifierMetrics metrics;
  private final ThemesWatcher watcher;
  private final TaggingLoop loop;
  private final Thread thread;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  // Written by the tagging thread only; read by anyone.
  private volatile ThemeMatcher matcher;
  private volatile boolean themesValid = true;
  private final StallWatch stalls;
  private long nextThemesCheck;

  /**
   * A service for {@code config}, recording its meters in {@code registry}.
   *
   * @throws IllegalArgumentException when the themes file is invalid, with the loader's message
   */
  public ClassifierService(ClassifierConfig config, MeterRegistry registry) {
    this(config, registry, Clock.systemUTC());
  }

  /** A service whose stall time is measured against {@code clock}. */
  ClassifierService(ClassifierConfig config, MeterRegistry registry, Clock clock) {
    this.config = config;
    ThemeSet themes = ThemeSet.load(config.themesFile());
    this.matcher = ThemeMatcher.of(themes);
    this.watcher = new ThemesWatcher(config.themesFile(), themes.version());
    this.stalls = new StallWatch(config.stallAfter(), clock);
    this.metrics = new ClassifierMetrics(registry, this::themesValid, stalls::stalled);
    this.loop = new TaggingLoop(config, () -> matcher, this::checkThemes, metrics, stalls);
    this.thread = new Thread(this::runLoop, THREAD_NAME);
    this.nextThemesCheck = System.nanoTime() + config.themesReload().toNanos();
    log.info(
        "classifier themes {} version {} ({} themes)",
        config.themesFile(),
        themes.version(),
        themes.themes().size());
  }

  /** Starts tagging on the named thread and returns at once. */
  @Override
  public void start() {
    if (closed.get()) {
      throw new IllegalStateException("classifier service is closed");
    }
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("classifier service already started");
    }
    thread.start();
  }

  /**
   * Ready while tagging: started, not stopping, the themes file valid, not stalled and no fatal
   * error.
   */
  @Override
  public boolean ready() {
    return started.get()
        && !closed.get()
        && themesValid
        && !stalls.stalled()
        && failure().isEmpty();
  }

  /** Whether a batch has waited to be read again, with no commit, for the stall time. */
  public boolean stalled() {
    return stalls.stalled();
  }

  /** Whether the themes file on disk is the valid set in use (false after a refused edit). */
  public boolean themesValid() {
    return themesValid;
  }

  /** The version of the theme set tagging now. */
  public String themeSetVersion() {
    return matcher.version();
  }

  /** Why the service stopped on its own (e.g. fenced by a newer instance), if it did. */
  @Override
  public Optional<Throwable> failure() {
    return Optional.ofNullable(loop.failure());
  }

  /** Waits until the service has stopped, by {@link #close()} or by a fatal error. */
  @Override
  public void awaitStopped() throws InterruptedException {
    while (started.get() && !loop.await(Duration.ofSeconds(1))) {
      // keep waiting
    }
  }

  /**
   * Stops tagging: the batch in flight is committed, then the clients close. Waits up to the close
   * timeout; idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    loop.stop();
    if (started.get()) {
      try {
        if (!loop.await(config.closeTimeout().plus(config.closeTimeout()))) {
          log.warn(
              "classifier did not stop within {}; its open transaction will time out",
              config.closeTimeout());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!started.get() || loop.finished()) {
      matcher.close();
    }
  }

  private void runLoop() {
    try {
      loop.run();
    } finally {
      if (closed.get()) {
        log.info("classifier stopped");
      }
    }
  }

  /** Runs on the tagging thread between batches, so a new matcher never changes under a batch. */
  private void checkThemes() {
    long now = System.nanoTime();
    if (now - nextThemesCheck < 0) {
      return;
    }
    nextThemesCheck = now + config.themesReload().toNanos();
    ThemesWatcher.Change change;
    ThemeMatcher next = null;
    try {
      change = watcher.check().orElse(null);
      if (change instanceof ThemesWatcher.Accepted accepted) {
        next = ThemeMatcher.of(accepted.themes());
      }
    } catch (RuntimeException | StackOverflowError e) {
      // Whatever a themes file does to the loader or the monitor, it is a refused file, never the
      // end of the tagging thread.
      change =
          new ThemesWatcher.Refused("unloadable", "themes file " + config.themesFile() + ": " + e);
      log.error("loading the themes file failed", e);
    }
    if (change instanceof ThemesWatcher.Accepted accepted) {
      ThemeMatcher old = matcher;
      matcher = next;
      themesValid = true;
      old.close();
      metrics.reload(true);
      log.info(
          "themes file {} changed: now tagging with version {} ({} themes)",
          config.themesFile(),
          accepted.themes().version(),
          accepted.themes().themes().size());
    } else if (change instanceof ThemesWatcher.Refused refused) {
      themesValid = false;
      metrics.reload(false);
      log.error(
          "themes file refused, still tagging with version {}: {}",
          matcher.version(),
          refused.reason());
    }
  }
}
