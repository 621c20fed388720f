package thesiswatch.dashboard.index;

import java.nio.file.Path;

/**
 * The index directory holds an index written by an older dashboard, in a layout this version cannot
 * open (no newest-first index sort, no offsets in the text postings, or text analysed otherwise:
 * another layout version). Lucene cannot add an index sort to existing segments nor re-analyse
 * them, so the index has to be rebuilt: delete the directory and start the dashboard, which then
 * replays {@code articles.tagged} from the start of the topic.
 *
 * <p>The dashboard does not delete the directory itself: a replay only restores what the topic's
 * retention still holds; that is an operator's decision, not a side effect of an upgrade. The alert
 * history is read back from the alerts topic.
 */
public final class IncompatibleIndexException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** The index in {@code dir} differs from this version's layout as {@code found} says. */
  IncompatibleIndexException(Path dir, String found) {
    super(
        "the dashboard index in "
            + dir
            + " was written by an older dashboard ("
            + found
            + "); this version cannot open it. Stop the dashboard, delete "
            + dir
            + " and start it again: the index is rebuilt by replaying articles.tagged from the"
            + " start of the topic (as far back as the topic's retention reaches; the alert history"
            + " is read back from the alerts topic)");
  }
}
