package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class KafkaRefusalsTest {

  @Test
  void aRefusalIsFoundAmongTheCausesAndKafkasOwnTroubleIsNone() {
    Throwable tooLarge = new KafkaException("aborted", new RecordTooLargeException("2 MB"));
    assertThat(KafkaRefusals.refusesContent(tooLarge)).isTrue();
    assertThat(KafkaRefusals.tooLarge(new ExecutionException(tooLarge))).isTrue();
    assertThat(KafkaRefusals.tooLarge(new RecordBatchTooLargeException("batch"))).isTrue();
    assertThat(KafkaRefusals.refusesContent(new InvalidRecordException("null key"))).isTrue();
    assertThat(KafkaRefusals.tooLarge(new InvalidRecordException("null key"))).isFalse();
    assertThat(KafkaRefusals.refusesContent(new SerializationException("x"))).isTrue();

    Throwable unreachable = new KafkaException("send", new TimeoutException("no broker"));
    assertThat(KafkaRefusals.refusesContent(unreachable)).isFalse();
    assertThat(KafkaRefusals.tooLarge(unreachable)).isFalse();
    assertThat(KafkaRefusals.refusesContent(new IllegalStateException("a bug"))).isFalse();
  }
}
