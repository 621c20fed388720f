package thesiswatch.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shared naming rules: meters in units other than seconds are dropped, a trailing {@code
 * .count} is exposed as {@code .number}, and a meter keeps the name it was registered under.
 */
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

  /**
   * Micrometer's Kafka binder finds its meters again by the name it gave them (to skip or remove
   * them on its refresh each minute); renamed in the registry, they were registered twice, with a
   * WARN. The rename happens in the exposition only.
   */
  @Test
  void aCountMeterKeepsItsNameInTheRegistryAndIsExposedAsNumber() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServiceMetrics.bindTo(registry);
    AtomicInteger connections = new AtomicInteger(3);
    Gauge.builder("kafka.consumer.connection.count", connections, AtomicInteger::get)
        .tag("client.id", "thesiswatch-dashboard")
        .register(registry);

    assertThat(registry.find("kafka.consumer.connection.count").gauge()).isNotNull();
    String exposition = registry.scrape();
    assertThat(exposition)
        .contains("kafka_consumer_connection_number{client_id=\"thesiswatch-dashboard\"} 3")
        .contains("# HELP kafka_consumer_connection_number kafka.consumer.connection.number")
        .doesNotContain("kafka_consumer_connection_count");
    registry.close();
  }
}
