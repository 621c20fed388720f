package thesiswatch.backfill.run;

import java.util.List;
import java.util.Map;
import thesiswatch.common.BackfillState;

/** Where a backfill reads history from: a pure core that plans steps and knows no Kafka. */
public interface Source {

  /** {@code archive}, {@code warc}, {@code jsonl} or {@code csv}. */
  String kind();

  /** The state keys of this run's units, before planning (they name the run). */
  List<String> keys();

  /**
   * Plans the run from what earlier runs did ({@code states} by key; a missing key was never
   * backfilled).
   *
   * @throws Stopped when the archive cannot be reached or keeps failing while listing
   * @throws InterruptedException when the run is being stopped
   */
  Plan plan(Map<String, BackfillState> states) throws Stopped, InterruptedException;
}
