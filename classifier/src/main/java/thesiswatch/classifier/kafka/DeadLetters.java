package thesiswatch.classifier.kafka;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import thesiswatch.classifier.match.InputError;
import thesiswatch.common.DeadLetter;

/**
 * Dead-letter records of {@code articles}: the shared convention of {@link DeadLetter} (original
 * key and bytes, the error and the source position in headers) with the classifier's error kinds:
 * those of {@link InputError} (a record that cannot be read) and the loop's own, {@value
 * #TAGGING_FAILED} (reading worked, tagging it threw) and {@value #TOO_LARGE} (Kafka refused what
 * tagging it made).
 */
public final class DeadLetters {

  /** Header: the error's stable kind, e.g. {@code invalid_json}. */
  public static final String ERROR_KIND = DeadLetter.ERROR_KIND;

  /** Header: the error's message. */
  public static final String ERROR_MESSAGE = DeadLetter.ERROR_MESSAGE;

  /** Header: the topic the record was read from. */
  public static final String SOURCE_TOPIC = DeadLetter.SOURCE_TOPIC;

  /** Header: its partition. */
  public static final String SOURCE_PARTITION = DeadLetter.SOURCE_PARTITION;

  /** Header: its offset. */
  public static final String SOURCE_OFFSET = DeadLetter.SOURCE_OFFSET;

  /** See {@link DeadLetter#DROPPED_VALUE_BYTES}. */
  public static final String DROPPED_VALUE_BYTES = DeadLetter.DROPPED_VALUE_BYTES;

  /** Kind: the record was read, but tagging it threw (a bug, or an error deep in a library). */
  public static final String TAGGING_FAILED = "tagging_failed";

  /** Kind: Kafka refused what tagging the record made (e.g. over the broker's size limit). */
  public static final String TOO_LARGE = "too_large";

  /** Kind: Kafka refused what tagging the record made, for another reason than its size. */
  public static final String REFUSED = "refused";

  private DeadLetters() {}

  /** Every kind a dead letter can have, the counters' label values. */
  public static List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    for (InputError.Kind kind : InputError.Kind.values()) {
      if (kind != InputError.Kind.TOO_LONG) { // a classify line's; the broker bounds a record
        kinds.add(kind.key());
      }
    }
    kinds.addAll(List.of(TAGGING_FAILED, TOO_LARGE, REFUSED));
    return List.copyOf(kinds);
  }

  /** The dead letter of {@code record} for {@code dlqTopic}. */
  public static ProducerRecord<String, byte[]> of(
      String dlqTopic, ConsumerRecord<String, byte[]> record, InputError error) {
    return of(dlqTopic, record, error.kind().key(), error.message());
  }

  /** The dead letter of {@code record} for {@code dlqTopic}, of {@code kind}. */
  public static ProducerRecord<String, byte[]> of(
      String dlqTopic, ConsumerRecord<String, byte[]> record, String kind, String message) {
    return DeadLetter.of(dlqTopic, record, kind, message);
  }

  /** See {@link DeadLetter#withoutValue}. */
  public static ProducerRecord<String, byte[]> withoutValue(ProducerRecord<String, byte[]> letter) {
    return DeadLetter.withoutValue(letter);
  }
}
