package thesiswatch.common;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What an exception from a producer says about the records it was sending, read from its causes:
 * whether Kafka will never take them (so the same batch must not be tried again, but narrowed or
 * dead-lettered), as against Kafka's own state (unreachable, a timeout), which a retry outlives.
 * One rule for every transactional producer of the pipeline.
 */
public final class KafkaRefusals {

  private KafkaRefusals() {}

  /**
   * Whether {@code e} or a cause of it is Kafka refusing what the records hold: a record over the
   * size limit, a record the broker finds invalid, a value that cannot be serialised.
   */
  public static boolean refusesContent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (tooLargeItself(t)
          || t instanceof InvalidRecordException
          || t instanceof SerializationException) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} or a cause of it is a record, or a batch, over Kafka's size limit. */
  public static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (tooLargeItself(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean tooLargeItself(Throwable t) {
    return t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException;
  }
}
