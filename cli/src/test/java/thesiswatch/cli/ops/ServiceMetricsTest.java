package thesiswatch.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceMetricsTest {

  @Test
  void metersInUnitsOtherThanSecondsAreDroppedAndCountSuffixesRenamed() {
    assertThat(ServiceMetrics.kept("kafka.consumer.io.time.ns.total", null)).isFalse();
    assertThat(ServiceMetrics.kept("kafka.app.info.start.time.ms", null)).isFalse();
    assertThat(ServiceMetrics.kept("process.cpu.time", "ns")).isFalse();
    assertThat(ServiceMetrics.kept("kafka.consumer.fetch.manager.records.lag.max", null)).isTrue();
    assertThat(ServiceMetrics.kept("jvm.gc.msgs", "messages")).isTrue();
    assertThat(ServiceMetrics.kept("thesiswatch.classifier.batch", "seconds")).isTrue();
    assertThat(ServiceMetrics.lintSafe("kafka.producer.connection.count"))
        .isEqualTo("kafka.producer.connection.number");
    assertThat(ServiceMetrics.lintSafe("thesiswatch.ingest.polls"))
        .isEqualTo("thesiswatch.ingest.polls");
  }
}
