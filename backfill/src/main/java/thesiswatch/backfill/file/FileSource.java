package thesiswatch.backfill.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.backfill.run.Outcome;
import thesiswatch.backfill.run.Plan;
import thesiswatch.backfill.run.Source;
import thesiswatch.backfill.run.Step;
import thesiswatch.common.BackfillState;

/**
 * Files of one {@link Format} as a backfill source: each file is a unit whose progress is the
 * number of records done, so a resumed run skips them; a file whose fingerprint changed starts over
 * (its ids were seen, so nothing already published is published again). The records are counted
 * first, for the progress bar's total.
 */
public final class FileSource implements Source {

  private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

  private final Format format;
  private final List<Input> inputs;
  private final Clock clock;

  /** {@code inputs} read as {@code format}. */
  public FileSource(Format format, List<Input> inputs, Clock clock) {
    this.format = format;
    this.inputs = List.copyOf(inputs);
    this.clock = clock;
  }

  @Override
  public String kind() {
    return format.kind();
  }

  @Override
  public List<String> keys() {
    return inputs.stream().map(this::key).toList();
  }

  private String key(Input input) {
    return BackfillState.keyOf(format.kind(), input.name(), null);
  }

  @Override
  public Plan plan(Map<String, BackfillState> states) {
    List<BackfillState> units = new ArrayList<>();
    List<String> listing = new ArrayList<>();
    List<Input> todo = new ArrayList<>();
    Map<String, Long> starts = new HashMap<>();
    long remaining = 0;
    for (Input input : inputs) {
      try {
        String fingerprint = input.fingerprint();
        BackfillState before = states.get(key(input));
        if (before != null && !fingerprint.equals(before.fingerprint())) {
          LOG.warn(
              "backfill: {} is not the file read before (size or start changed); reading it"
                  + " from its first record",
              input.name());
          before = before.restarted();
        }
        if (before == null) {
          before = BackfillState.fresh(format.kind(), input.name(), null);
        }
        long total = count(input);
        long left = Math.max(0, total - before.position());
        remaining += left;
        units.add(
            before.planned(
                total, Math.min(before.position(), total), fingerprint, clock.instant()));
        listing.add(input.name() + "  " + left + " of " + total + " records to read");
        starts.put(input.name(), before.position());
        todo.add(input);
      } catch (IOException e) {
        throw new UncheckedIOException("backfill: cannot read " + input.name(), e);
      }
    }
    return new Plan(units, remaining, new Steps(todo, starts), listing, Map.of());
  }

  private long count(Input input) throws IOException {
    long n = 0;
    try (Records records = format.open(input)) {
      while (records.next() != null) {
        n++;
      }
    }
    return n;
  }

  /** The records left, file after file, each file opened when reached and closed when done. */
  private final class Steps implements Iterator<Step> {
    private final Iterator<Input> files;
    private final Map<String, Long> starts;
    private Input current;
    private Records records;
    private Step next;

    Steps(List<Input> files, Map<String, Long> starts) {
      this.files = files.iterator();
      this.starts = starts;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (records != null) {
          Records.Record record = records.next();
          if (record != null) {
            next = new RecordStep(key(current), record);
            return true;
          }
          records.close();
          records = null;
        }
        if (!files.hasNext()) {
          return false;
        }
        current = files.next();
        try {
          records = format.open(current);
        } catch (IOException e) {
          throw new UncheckedIOException("backfill: cannot read " + current.name(), e);
        }
        long skip = starts.getOrDefault(current.name(), 0L);
        for (long i = 0; i < skip && records.next() != null; i++) {
          // done by an earlier run
        }
      }
      return true;
    }

    @Override
    public Step next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Step step = next;
      next = null;
      return step;
    }
  }

  private final class RecordStep implements Step {
    private final String key;
    private final Records.Record record;

    RecordStep(String key, Records.Record record) {
      this.key = key;
      this.record = record;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public Instant time() {
      return record.time() != null ? record.time() : clock.instant();
    }

    @Override
    public Outcome run() {
      return record.outcome();
    }

    @Override
    public BackfillState done(BackfillState before, Outcome outcome) {
      return before.stepped(
          before.covered(), before.position() + 1, before.capturesByDay(), clock.instant());
    }
  }
}
