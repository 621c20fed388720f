package thesiswatch.common;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Dead-letter records, the one convention every stage writes its {@code <topic>.dlq} in: the
 * original key and bytes, unchanged, with why the record could not be processed and where it came
 * from in headers (as Kafka Connect's error handling does), so that it can be inspected and
 * replayed as it was.
 */
public final class DeadLetter {

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
   * Longest message kept in {@link #ERROR_MESSAGE}: a parser's message may quote the bad input, and
   * the letter must stay well under the broker's record limit whatever the input was.
   */
  public static final int MAX_MESSAGE_CHARS = 2000;

  /**
   * Header, only when the original value could not go to the dead-letter topic with it (it was too
   * large even there): how many bytes the dropped value had.
   */
  public static final String DROPPED_VALUE_BYTES = "thesiswatch.error.dropped.value.bytes";

  private DeadLetter() {}

  /**
   * Header of a letter whose key was cut to {@link #MAX_BARE_KEY_CHARS}: how many characters the
   * original key had.
   */
  public static final String DROPPED_KEY_CHARS = "thesiswatch.error.dropped.key.chars";

  /** Characters of the key a letter without its value keeps. */
  public static final int MAX_BARE_KEY_CHARS = 1000;

  /**
   * {@code letter} without its value, for a value too large for the dead-letter topic too: the
   * headers still say where the record is in its source topic, and how large it was. A key longer
   * than {@link #MAX_BARE_KEY_CHARS} is cut to that, so that even a record whose key alone fills
   * the dead-letter topic's limit can be lettered and its partition go on.
   */
  public static ProducerRecord<String, byte[]> withoutValue(ProducerRecord<String, byte[]> letter) {
    String key = letter.key();
    boolean cut = key != null && key.length() > MAX_BARE_KEY_CHARS;
    ProducerRecord<String, byte[]> bare =
        new ProducerRecord<>(
            letter.topic(), cut ? key.substring(0, MAX_BARE_KEY_CHARS) : key, null);
    letter.headers().forEach(header -> bare.headers().add(header));
    int bytes = letter.value() == null ? 0 : letter.value().length;
    bare.headers().add(DROPPED_VALUE_BYTES, utf8(Integer.toString(bytes)));
    if (cut) {
      bare.headers().add(DROPPED_KEY_CHARS, utf8(Integer.toString(key.length())));
    }
    return bare;
  }

  /** The dead letter of {@code record} for {@code dlqTopic}, failed with {@code kind}. */
  public static ProducerRecord<String, byte[]> of(
      String dlqTopic, ConsumerRecord<String, byte[]> record, String kind, String message) {
    return of(
        dlqTopic,
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        record.value(),
        kind,
        message);
  }

  /**
   * The dead letter of the record at {@code topic}/{@code partition}/{@code offset} with {@code
   * key} and {@code value} (either may be null), for {@code dlqTopic}.
   */
  public static ProducerRecord<String, byte[]> of(
      String dlqTopic,
      String topic,
      int partition,
      long offset,
      String key,
      byte[] value,
      String kind,
      String message) {
    ProducerRecord<String, byte[]> letter = new ProducerRecord<>(dlqTopic, key, value);
    Headers headers = letter.headers();
    headers.add(ERROR_KIND, utf8(kind));
    String text = String.valueOf(message);
    headers.add(
        ERROR_MESSAGE,
        utf8(text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) : text));
    headers.add(SOURCE_TOPIC, utf8(topic));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
    return letter;
  }

  /**
   * Where the dead letter with {@code headers} came from, as {@code topic/partition/offset}; null
   * when its headers do not say it in this convention (a record some other writer put there).
   */
  public static String sourceOf(Headers headers) {
    String topic = header(headers, SOURCE_TOPIC);
    String partition = header(headers, SOURCE_PARTITION);
    String offset = header(headers, SOURCE_OFFSET);
    if (topic == null || partition == null || offset == null) {
      return null;
    }
    try {
      return position(topic, Integer.parseInt(partition), Long.parseLong(offset));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A source position as {@link #sourceOf} names it. */
  public static String position(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }

  /** The last value of header {@code name} as text, or null when absent. */
  public static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
