package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  @Test
  void aLetterKeepsKeyAndBytesAndSaysWhyAndWhereInHeaders() {
    byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
    ProducerRecord<String, byte[]> letter =
        DeadLetter.of(
            "articles.tagged.dlq",
            new ConsumerRecord<>("articles.tagged", 2, 41L, "a01", value),
            "invalid_json",
            "Unexpected character");
    assertThat(letter.topic()).isEqualTo("articles.tagged.dlq");
    assertThat(letter.key()).isEqualTo("a01");
    assertThat(letter.value()).isSameAs(value);
    assertThat(DeadLetter.header(letter.headers(), DeadLetter.ERROR_KIND))
        .isEqualTo("invalid_json");
    assertThat(DeadLetter.header(letter.headers(), DeadLetter.ERROR_MESSAGE))
        .isEqualTo("Unexpected character");
    assertThat(DeadLetter.sourceOf(letter.headers())).isEqualTo("articles.tagged/2/41");
  }

  @Test
  void longMessagesAreCutAndForeignHeadersNameNoSource() {
    ProducerRecord<String, byte[]> letter =
        DeadLetter.of("t.dlq", "t", 0, 0L, null, null, "empty", "x".repeat(5000));
    assertThat(DeadLetter.header(letter.headers(), DeadLetter.ERROR_MESSAGE))
        .hasSize(DeadLetter.MAX_MESSAGE_CHARS);
    assertThat(letter.key()).isNull();
    assertThat(letter.value()).isNull();

    RecordHeaders foreign = new RecordHeaders();
    assertThat(DeadLetter.sourceOf(foreign)).isNull();
    foreign.add(DeadLetter.SOURCE_TOPIC, "t".getBytes(StandardCharsets.UTF_8));
    foreign.add(DeadLetter.SOURCE_PARTITION, "zero".getBytes(StandardCharsets.UTF_8));
    foreign.add(DeadLetter.SOURCE_OFFSET, "1".getBytes(StandardCharsets.UTF_8));
    assertThat(DeadLetter.sourceOf(foreign)).isNull();
  }
}
