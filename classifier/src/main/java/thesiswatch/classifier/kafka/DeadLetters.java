package thesiswatch.classifier.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import thesiswatch.classifier.match.InputError;

/**
 * Dead-letter records: the original key and bytes, unchanged, with where they came from and why
 * they could not be tagged in headers (the convention of Kafka Connect's error handling), so the
 * record can be inspected and replayed as it was. The kinds are those of {@link InputError} (a
 * record that cannot be read) and two of the loop's own: {@value #TAGGING_FAILED} (reading worked,
 * tagging it threw) and {@value #TOO_LARGE} (Kafka refused what tagging it made).
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

  /**
   * Header, only when the original value could not go to the dead-letter topic with it (it was too
   * large even there): how many bytes the dropped value had.
   */
  public static final String DROPPED_VALUE_BYTES = "thesiswatch.error.dropped.value.bytes";

  /** Kind: the record was read, but tagging it threw (a bug, or an error deep in a library). */
  public static final String TAGGING_FAILED = "tagging_failed";

  /** Kind: Kafka refused what tagging the record made (e.g. over the broker's size limit). */
  public static final String TOO_LARGE = "too_large";

  /** Kind: Kafka refused what tagging the record made, for another reason than its size. */
  public static final String REFUSED = "refused";

  /** Longest error message written in a header. */
  static final int MAX_MESSAGE_CHARS = 1_000;

  private DeadLetters() {}

  /** Every kind a dead letter can have, the counters' label values. */
  public static List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    for (InputError.Kind kind : InputError.Kind.values()) {
      kinds.add(kind.key());
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
    ProducerRecord<String, byte[]> letter =
        new ProducerRecord<>(dlqTopic, record.key(), record.value());
    describe(letter.headers(), record, kind, message);
    return letter;
  }

  /**
   * {@code letter} without its value, for a value too large for the dead-letter topic too: the
   * headers still say where the record is in its source topic, and how large it was.
   */
  public static ProducerRecord<String, byte[]> withoutValue(ProducerRecord<String, byte[]> letter) {
    ProducerRecord<String, byte[]> bare = new ProducerRecord<>(letter.topic(), letter.key(), null);
    letter.headers().forEach(header -> bare.headers().add(header));
    int bytes = letter.value() == null ? 0 : letter.value().length;
    bare.headers().add(DROPPED_VALUE_BYTES, utf8(Integer.toString(bytes)));
    return bare;
  }

  private static void describe(
      Headers headers, ConsumerRecord<String, byte[]> record, String kind, String message) {
    String text = String.valueOf(message);
    headers.add(ERROR_KIND, utf8(kind));
    headers.add(
        ERROR_MESSAGE,
        utf8(text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) : text));
    headers.add(SOURCE_TOPIC, utf8(record.topic()));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
