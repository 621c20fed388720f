package thesiswatch.dashboard.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.CorruptIndexException;

/**
 * What the reader has made durable per partition (the positions of the index's last commit), and
 * whether the index is written at all. A failed write that reopening may cure (an I/O error: a full
 * disk) makes it unhealthy until a commit has made durable everything the reader had read when it
 * failed — so a commit squeezed in on a nearly full disk does not report a recovery that the next
 * write undoes. Progress is what commits advance, not what is read: a replay after a failed write
 * reads the same records again and is no progress.
 *
 * <p>{@link #problem()} is read from any thread; the rest is called by the reader's thread.
 */
public final class IndexHealth {

  private final Map<Integer, Long> durable = new HashMap<>();
  private final Map<Integer, Long> failedAt = new HashMap<>();
  private volatile Throwable problem;

  /**
   * Whether {@code e}, with the writer's {@code tragedy} (or null), is a failed write that
   * reopening the index may cure: an I/O error, not damage (a checksum mismatch) nor a bug.
   */
  public static boolean recoverable(RuntimeException e, Throwable tragedy) {
    Throwable cause =
        tragedy != null ? tragedy : e instanceof UncheckedIOException ? e.getCause() : null;
    return cause instanceof IOException && !(cause instanceof CorruptIndexException);
  }

  /** The innermost cause of {@code e} (or of the writer's {@code tragedy}), as text. */
  public static String rootCause(Throwable e, Throwable tragedy) {
    Throwable cause = tragedy != null ? tragedy : e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.toString();
  }

  /** Records what is durable per partition: at the start, and after every commit. */
  public void committed(Map<Integer, Long> positions) {
    durable.putAll(positions);
  }

  /**
   * Whether the problem, if any, is over now that {@link #committed} has been told the last commit:
   * everything read when it happened is durable. Clears it when so.
   */
  public boolean recovered() {
    if (problem == null) {
      return false;
    }
    for (Map.Entry<Integer, Long> entry : failedAt.entrySet()) {
      if (durable.getOrDefault(entry.getKey(), 0L) < entry.getValue()) {
        return false;
      }
    }
    problem = null;
    return true;
  }

  /** The index failed with {@code problem} when the reader had read up to {@code read}. */
  public void failed(Throwable problem, Map<Integer, Long> read) {
    failedAt.clear();
    failedAt.putAll(read);
    this.problem = problem;
  }

  /** The failed write not recovered from yet, or null while the index is healthy. */
  public Throwable problem() {
    return problem;
  }

  /** Records not durable yet, given each partition's end where known. */
  public long lag(Map<Integer, Long> ends) {
    long total = 0;
    for (Map.Entry<Integer, Long> end : ends.entrySet()) {
      total += Math.max(0, end.getValue() - durable.getOrDefault(end.getKey(), 0L));
    }
    return total;
  }

  /** What the commits have made durable so far, as one number that grows with every record. */
  public long progress() {
    long total = 0;
    for (long next : durable.values()) {
      total += next;
    }
    return total;
  }
}
