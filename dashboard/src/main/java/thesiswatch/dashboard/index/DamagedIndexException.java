package thesiswatch.dashboard.index;

import java.nio.file.Path;

/**
 * A file of the index failed its checksum, is truncated or is missing: the index is not served,
 * because its counts could be silently wrong. It cannot be repaired in place without losing
 * documents; it is rebuilt by deleting it (or moving it aside) and starting the dashboard, which
 * then replays {@code articles.tagged} from the start of the topic and reads the alert history back
 * from the alerts topic.
 */
public final class DamagedIndexException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** The index in {@code dir} failed verification with {@code cause}. */
  DamagedIndexException(Path dir, Throwable cause) {
    super(
        "the dashboard index in "
            + dir
            + " is damaged ("
            + (cause.getMessage() == null ? cause.toString() : cause.getMessage())
            + ") and is not served. Stop the dashboard, delete "
            + dir
            + " (or move it aside) and start it again: the index is rebuilt by replaying"
            + " articles.tagged from the start of the topic, and the alert history is read back"
            + " from the alerts topic",
        cause);
  }
}
