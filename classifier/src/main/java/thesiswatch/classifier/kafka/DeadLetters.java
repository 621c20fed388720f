package thesiswatch.classifier.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import thesiswatch.classifier.match.InputError;
import thesiswatch.common.DeadLetter;

/**
 * Dead-letter records of {@code articles}: the shared convention of {@link DeadLetter} (original
 * key and bytes, the error and the source position in headers) with the classifier's error kinds.
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

  private DeadLetters() {}

  /** The dead letter of {@code record} for {@code dlqTopic}. */
  public static ProducerRecord<String, byte[]> of(
      String dlqTopic, ConsumerRecord<String, byte[]> record, InputError error) {
    return DeadLetter.of(dlqTopic, record, error.kind().key(), error.message());
  }
}
