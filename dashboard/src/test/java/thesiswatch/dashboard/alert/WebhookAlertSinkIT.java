package thesiswatch.dashboard.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import thesiswatch.common.Json;
import thesiswatch.testkit.Await;

/**
 * The webhook sink against a loopback receiver: retries with one idempotency key, the address
 * guard.
 */
class WebhookAlertSinkIT {

  private static final Alert ALERT =
      new Alert(
          "layoffs:day:2025-02-10T00:00:00Z",
          "layoffs",
          "day",
          Instant.parse("2025-02-10T00:00:00Z"),
          Instant.parse("2025-02-11T00:00:00Z"),
          12,
          2.0,
          6.0,
          1e-6,
          Instant.parse("2025-02-10T12:00:00Z"),
          false);

  private HttpServer receiver;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          keys.add(exchange.getRequestHeaders().getFirst(WebhookAlertSink.IDEMPOTENCY_HEADER));
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private URI hook() {
    return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
  }

  @Test
  void retriesUntilDeliveredWithOneIdempotencyKey() {
    failuresLeft.set(2);
    try (WebhookAlertSink sink =
        new WebhookAlertSink(
            hook(),
            new AddressGuard(List.of("127.0.0.1")),
            Duration.ofSeconds(5),
            5,
            Duration.ofMillis(10),
            new SimpleMeterRegistry())) {
      sink.send(ALERT);
      Await.until("three attempts", () -> keys.size() == 3);
    }
    assertThat(keys).containsExactly(ALERT.id(), ALERT.id(), ALERT.id());
    assertThat(Json.read(bodies.get(2), Alert.class)).isEqualTo(ALERT);
  }

  /** Issue 14: a spike a backfill found months later is recorded, never pushed as news. */
  @Test
  void aHistoricalAlertIsNotPosted() {
    Alert history =
        new Alert(
            "layoffs:day:2024-09-02T00:00:00Z",
            "layoffs",
            "day",
            Instant.parse("2024-09-02T00:00:00Z"),
            Instant.parse("2024-09-03T00:00:00Z"),
            9,
            1.0,
            9.0,
            1e-6,
            Instant.parse("2025-02-10T12:00:00Z"),
            true);
    try (WebhookAlertSink sink =
        new WebhookAlertSink(
            hook(),
            new AddressGuard(List.of("127.0.0.1")),
            Duration.ofSeconds(5),
            1,
            Duration.ofMillis(10),
            new SimpleMeterRegistry())) {
      sink.send(history);
      sink.send(ALERT);
      Await.until("the live alert posted", () -> keys.size() == 1);
    }
    assertThat(keys).containsExactly(ALERT.id());
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    failuresLeft.set(100);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (WebhookAlertSink sink =
        new WebhookAlertSink(
            hook(),
            new AddressGuard(List.of("127.0.0.1")),
            Duration.ofSeconds(5),
            3,
            Duration.ofMillis(10),
            registry)) {
      sink.send(ALERT);
      Await.until(
          "a failed delivery",
          () ->
              registry
                      .counter("thesiswatch.dashboard.webhook.deliveries", "outcome", "failed")
                      .count()
                  == 1);
    }
    assertThat(keys).hasSize(3);
  }

  @Test
  void theGuardKeepsPrivateTargetsOutUnlessAllowed() {
    AddressGuard guard = new AddressGuard(List.of());
    for (String url :
        List.of(
            "http://127.0.0.1:9092/",
            "http://[::1]/",
            "http://0.0.0.0/",
            "http://2130706433/",
            "http://10.1.2.3/",
            "http://192.168.0.1/",
            "http://169.254.169.254/latest",
            "http://100.64.0.1/",
            "http://[fd00::1]/",
            "http://localhost/")) {
      assertThatThrownBy(() -> guard.check(URI.create(url)))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("non-public address");
    }
    assertThatThrownBy(() -> guard.check(URI.create("ftp://example.com/")))
        .hasMessage("webhook ftp://example.com/ is not http or https");
    new AddressGuard(List.of("127.0.0.1")).check(URI.create("http://127.0.0.1:8080/hook"));
  }

  @Test
  void aRefusedTargetIsNeverContacted() {
    try (WebhookAlertSink sink =
        new WebhookAlertSink(
            hook(),
            new AddressGuard(List.of()),
            Duration.ofSeconds(5),
            3,
            Duration.ofMillis(10),
            new SimpleMeterRegistry())) {
      sink.send(ALERT);
    } // close() waits for the queued delivery to finish
    assertThat(keys).isEmpty();
  }
}
