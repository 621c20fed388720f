package thesiswatch.backfill.run;

/** Hears how a run goes: the progress bar on stderr, or the demo's log. */
public interface Listener {

  /** The run starts {@code remaining} steps. */
  void started(String kind, long remaining);

  /** Another step is done; the totals so far. */
  void stepped(Summary soFar);

  /** The run ended (done or stopped). */
  void finished(Summary summary);

  /** A listener that hears nothing. */
  Listener NONE =
      new Listener() {
        @Override
        public void started(String kind, long remaining) {}

        @Override
        public void stepped(Summary soFar) {}

        @Override
        public void finished(Summary summary) {}
      };
}
