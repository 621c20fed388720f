package thesiswatch.classifier.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import thesiswatch.classifier.match.InputError;

/**
 * Dead-letter records: the original key and bytes, unchanged, with where they came from and why
 * they could not be tagged in headers (the convention of Kafka Connect's error handling), so the
 * record can be inspected and replayed as it was.
 */
public final class DeadLetters {

  /** Header: the error's stable kind, e.g. {@code invalid_json}. */
  public static final String ERROR_KIND = "thesiswatch.error.kind";

  /** Header: the error's message. */
  public static final String ERROR_MESSAGE = "thesiswatch.error.message";

  /** Header: the topic the record was read from. */
  public static final String SOURCE_TOPIC = "thesiswatch.source.topic";

  /** Header: its partition. */
  public static final String SOURCE_PARTITION = "thesiswatch.source.partition";

  /** Header: its offset. */
  public static final String SOURCE_OFFSET = "thesiswatch.source.offset";

  private DeadLetters() {}

  /** The dead letter of {@code record} for {@code dlqTopic}. */
  public static ProducerRecord<String, byte[]> of(
      String dlqTopic, ConsumerRecord<String, byte[]> record, InputError error) {
    ProducerRecord<String, byte[]> letter =
        new ProducerRecord<>(dlqTopic, record.key(), record.value());
    Headers headers = letter.headers();
    headers.add(ERROR_KIND, utf8(error.kind().key()));
    headers.add(ERROR_MESSAGE, utf8(error.message()));
    headers.add(SOURCE_TOPIC, utf8(record.topic()));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
    return letter;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
