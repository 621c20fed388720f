package thesiswatch.backfill.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillState;
import thesiswatch.ingest.dedupe.StoryWindow;

/**
 * The one orchestrator of a backfill: loads what earlier runs did, plans with the source, then does
 * the steps in order — each item once per feed or file however many captures hold it, cross-feed
 * copies merged by ingest's {@link StoryWindow} as live ingest merges them (its clock is the
 * capture time, so "recent" means recent then) — and commits the articles together with the
 * progress they account for, so a killed run resumes where its last commit left it and publishes
 * nothing twice.
 */
public final class Backfill {

  private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

  /**
   * How the run batches and remembers.
   *
   * @param batchSteps steps per transaction at most
   * @param batchTime longest a done step waits for its commit
   * @param seenIds article ids remembered per feed or file across runs (in its state)
   * @param dedupeWindow how long a story is remembered for cross-feed copies (ingest's setting)
   * @param dedupeMaxStories most stories remembered for that (ingest's setting)
   */
  public record Settings(
      int batchSteps,
      Duration batchTime,
      int seenIds,
      Duration dedupeWindow,
      int dedupeMaxStories) {

    /** Default ids remembered per feed: a year of a busy feed's new items of the same day. */
    public static final int DEFAULT_SEEN_IDS = 5_000;
  }

  private static final String STOPPED_ON_REQUEST =
      "backfill: stopped on request; the same command resumes";

  private final Settings settings;
  private final Clock clock;
  private final AtomicBoolean stopRequested = new AtomicBoolean();

  /** An orchestrator with {@code settings}, its times from {@code clock}. */
  public Backfill(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Asks a running {@link #run} to stop after the step in hand; it commits and returns. */
  public void requestStop() {
    stopRequested.set(true);
  }

  /** Plans {@code source} against earlier runs' {@code states} without doing anything. */
  public Plan dryRun(Source source, Map<String, BackfillState> states)
      throws Stopped, InterruptedException {
    return source.plan(states);
  }

  /**
   * Runs {@code source} into {@code sink}.
   *
   * @return how far it got; never throws for bad input or an archive that gives up
   * @throws RuntimeException when Kafka refused a commit (what was committed before stays)
   */
  public Summary run(Source source, Sink sink, Listener listener) {
    Tally tally = new Tally(source.kind(), clock.instant());
    Plan plan;
    try {
      plan = source.plan(sink.load());
    } catch (Stopped stop) {
      return tally.finish(listener, stop.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return tally.finish(listener, "backfill: interrupted");
    }
    tally.total = plan.remaining();
    plan.problems().forEach(tally::problem);
    Map<String, BackfillState> units = new LinkedHashMap<>();
    plan.units().forEach(unit -> units.put(unit.key(), unit));
    Map<String, LinkedHashSet<String>> seen = new HashMap<>();
    Map<String, List<String>> live = sink.publishedLive();
    for (BackfillState unit : units.values()) {
      LinkedHashSet<String> ids = new LinkedHashSet<>(unit.seenIds());
      if (unit.feed() != null) {
        ids.addAll(live.getOrDefault(unit.feed(), List.of()));
      }
      seen.put(unit.key(), ids);
    }
    StoryWindow window = new StoryWindow(settings.dedupeWindow(), settings.dedupeMaxStories());

    listener.started(source.kind(), plan.remaining());
    List<Article> pending = new ArrayList<>();
    Map<String, BackfillState> dirty = new LinkedHashMap<>(units);
    Instant firstPending = null;
    String stopped = null;
    while (plan.steps().hasNext()) {
      if (stopRequested.get() || Thread.currentThread().isInterrupted()) {
        stopped = STOPPED_ON_REQUEST;
        break;
      }
      Step step = plan.steps().next();
      Outcome outcome;
      try {
        outcome = step.run();
      } catch (Stopped stop) {
        stopped = stop.getMessage();
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = STOPPED_ON_REQUEST;
        break;
      } catch (RuntimeException e) {
        // A bug with one capture or row must not end the run: it is counted like bad input.
        LOG.error("backfill: unexpected failure of a step of {}", step.key(), e);
        outcome = Outcome.problem("unexpected");
      }
      LinkedHashSet<String> seenHere = seen.computeIfAbsent(step.key(), k -> new LinkedHashSet<>());
      List<Article> fresh = new ArrayList<>();
      for (Article article : outcome.articles()) {
        if (seenHere.contains(article.id())) {
          tally.alreadySeen++;
        } else {
          fresh.add(article);
        }
      }
      StoryWindow.Admission admission = window.admit(fresh, Set.of(), step.time());
      for (Article article : outcome.articles()) {
        seenHere.remove(article.id());
        seenHere.add(article.id()); // newest last: the bound drops the oldest
      }
      while (seenHere.size() > settings.seenIds()) {
        seenHere.remove(seenHere.iterator().next());
      }
      pending.addAll(admission.toPublish());
      tally.published += admission.toPublish().size();
      if (outcome.problem() != null) {
        tally.problem(outcome.problem(), 1L);
      }
      BackfillState before = units.get(step.key());
      BackfillState after =
          withCounts(
              step.done(before, outcome),
              BackfillState.RUNNING,
              before.articles() + admission.toPublish().size() - admission.crossFeed(),
              List.copyOf(seenHere),
              outcome.problem());
      units.put(after.key(), after);
      dirty.put(after.key(), after);
      tally.done++;
      if (firstPending == null) {
        firstPending = clock.instant();
      }
      if (tally.done % settings.batchSteps() == 0
          || Duration.between(firstPending, clock.instant()).compareTo(settings.batchTime()) >= 0) {
        sink.commit(pending, dirty.values());
        pending.clear();
        dirty.clear();
        firstPending = null;
      }
      listener.stepped(tally.summary(null));
    }
    String status = stopped == null ? BackfillState.DONE : BackfillState.STOPPED;
    for (BackfillState unit : units.values()) {
      dirty.put(
          unit.key(),
          withCounts(unit, status, unit.articles(), seen.get(unit.key()).stream().toList(), null));
    }
    sink.commit(pending, dirty.values());
    return tally.finish(listener, stopped);
  }

  /** The running totals of one run. */
  private final class Tally {
    private final String kind;
    private final Instant start;
    private final Map<String, Long> problems = new HashMap<>();
    private long total;
    private long done;
    private long published;
    private long alreadySeen;

    Tally(String kind, Instant start) {
      this.kind = kind;
      this.start = start;
    }

    void problem(String kind, Long count) {
      problems.merge(kind, count, Long::sum);
    }

    Summary summary(String stopped) {
      return new Summary(
          kind,
          total,
          done,
          published,
          alreadySeen,
          problems,
          Duration.between(start, clock.instant()),
          stopped);
    }

    Summary finish(Listener listener, String stopped) {
      Summary summary = summary(stopped);
      listener.finished(summary);
      return summary;
    }
  }

  private BackfillState withCounts(
      BackfillState state, String status, long articles, List<String> seenIds, String problem) {
    Map<String, Long> problems = new HashMap<>(state.problems());
    if (problem != null) {
      problems.merge(problem, 1L, Long::sum);
    }
    return state.accounted(status, articles, problems, seenIds, clock.instant());
  }

  /** The ids of {@code states}' units joined, to name a run (its transactional id). */
  public static String identity(List<String> keys) {
    List<String> sorted = new ArrayList<>(new HashSet<>(keys));
    sorted.sort(null);
    return String.join("\n", sorted);
  }
}
