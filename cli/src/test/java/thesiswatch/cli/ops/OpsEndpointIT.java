package thesiswatch.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import thesiswatch.common.Json;
import thesiswatch.common.PortInUseException;
import thesiswatch.testkit.HalfRequests;

/**
 * A headless service's ops endpoint, over real sockets: what it answers, and that no client can
 * stop it answering the others.
 */
class OpsEndpointIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void answersHealthReadinessAndMetricsAndNothingElse() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("ops_probe_total").increment();
    AtomicBoolean ready = new AtomicBoolean(false);
    try (OpsEndpoint ops = OpsEndpoint.start(0, registry, ready::get)) {
      assertThat(send(ops, "GET", "/health").body()).isEqualTo("{\"status\":\"up\"}");
      HttpResponse<String> notReady = send(ops, "GET", "/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).isEqualTo("{\"status\":\"not_ready\"}");
      ready.set(true);
      assertThat(send(ops, "GET", "/ready").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = send(ops, "GET", "/metrics");
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      assertThat(metrics.body()).contains("ops_probe_total 1.0");

      // Paths are exact: /healthz was answered as /health.
      for (String path : List.of("/healthz", "/health/x", "/", "/metrics.json")) {
        HttpResponse<String> unknown = send(ops, "GET", path);
        assertThat(unknown.statusCode()).as(path).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(unknown.body()).get("error").asText())
            .isEqualTo("not_found");
      }
      HttpResponse<String> post = send(ops, "POST", "/health");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET");
      assertThat(Json.MAPPER.readTree(post.body()).get("error").asText())
          .isEqualTo("method_not_allowed");
      assertThat(send(ops, "OPTIONS", "/metrics").statusCode()).isEqualTo(204);
    }
  }

  /**
   * The JDK server it replaced read each request on its one thread: a client that sent half a
   * request line and waited stopped every health check and scrape until it went away.
   */
  @Test
  void clientsThatSendHalfARequestAndWaitDoNotStopTheOthers() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (OpsEndpoint ops = OpsEndpoint.start(0, registry, () -> true)) {
      try (HalfRequests stalled = HalfRequests.hold(ops.port(), 20, "GET /heal")) {
        for (String path : List.of("/health", "/ready", "/metrics")) {
          assertThat(send(ops, "GET", path).statusCode()).as(path).isEqualTo(200);
        }
      }
    }
  }

  @Test
  void aTakenPortIsSaidSo() throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (OpsEndpoint first = OpsEndpoint.start(0, registry, () -> true)) {
      assertThatThrownBy(() -> OpsEndpoint.start(first.port(), registry, () -> true))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining(String.valueOf(first.port()));
    }
  }

  private static HttpResponse<String> send(OpsEndpoint ops, String method, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
            // a stalled endpoint fails the test instead of hanging it
            .timeout(Duration.ofSeconds(5))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
