package thesiswatch.backfill.run;

import java.time.Instant;
import thesiswatch.common.BackfillState;

/** One capture, WARC record or export row of a backfill, in the order it is done. */
public interface Step {

  /** The {@link BackfillState#key() state key} of the feed or file this step belongs to. */
  String key();

  /** When it happened (the capture time; now for an export row): the story window's clock. */
  Instant time();

  /**
   * Does the step: fetches and parses what it needs. Never throws for bad input: that is an {@link
   * Outcome#problem}.
   *
   * @throws Stopped when the source cannot go on (the archive keeps failing)
   * @throws InterruptedException when the run is being stopped
   */
  Outcome run() throws Stopped, InterruptedException;

  /** The state of this step's unit once it is done, from the state before. */
  BackfillState done(BackfillState before, Outcome outcome);
}
