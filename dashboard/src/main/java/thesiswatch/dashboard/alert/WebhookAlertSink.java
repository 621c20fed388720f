package thesiswatch.dashboard.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.DaemonThreads;
import thesiswatch.common.GuardedHttpClient;
import thesiswatch.common.Json;

/**
 * POSTs each alert as JSON to a webhook, from its own bounded queue and thread so that a slow or
 * dead receiver never holds up indexing. Each attempt has one deadline covering connect, headers
 * and body; failures (I/O, timeout, 429, 5xx) are retried with exponential backoff; every attempt
 * carries the same {@code Idempotency-Key} (the alert id) so the receiver can drop repeats.
 * Redirects are not followed, and the target is checked by the {@link AddressGuard} before every
 * attempt and again by the client's own resolver at every connection, so the address checked is the
 * address posted to (no DNS rebinding in between).
 */
public final class WebhookAlertSink implements AlertSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSink.class);

  /** Alerts waiting for delivery; beyond this the newest is dropped (and logged). */
  static final int QUEUE_CAPACITY = 100;

  /** Header carrying the alert id. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final URI url;
  private final AddressGuard guard;
  private final Duration timeout;
  private final int attempts;
  private final Duration backoff;
  private final GuardedHttpClient client;
  private final ThreadPoolExecutor worker;
  private final Counter delivered;
  private final Counter failed;

  /** A sink POSTing to {@code url}. */
  public WebhookAlertSink(
      URI url,
      AddressGuard guard,
      Duration timeout,
      int attempts,
      Duration backoff,
      MeterRegistry registry) {
    this.url = url;
    this.guard = guard;
    this.timeout = timeout;
    this.attempts = attempts;
    this.backoff = backoff;
    this.client = GuardedHttpClient.create(guard.rule(), timeout);
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            DaemonThreads.named("dashboard-webhook"),
            (runnable, executor) ->
                LOG.warn("webhook queue full ({} alerts): an alert was dropped", QUEUE_CAPACITY));
    this.delivered = deliveries(registry, "delivered");
    this.failed = deliveries(registry, "failed");
  }

  private static Counter deliveries(MeterRegistry registry, String outcome) {
    return Counter.builder("thesiswatch.dashboard.webhook.deliveries")
        .description("alerts POSTed to the webhook, by outcome after all retries")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Delivers {@code alert} unless it is historical: a webhook is a push for news, not history. */
  @Override
  public void send(Alert alert) {
    if (alert.historical()) {
      LOG.debug("alert {} is historical: not posted to the webhook", alert.id());
      return;
    }
    worker.execute(() -> deliver(alert));
  }

  private void deliver(Alert alert) {
    byte[] body = Json.bytes(alert);
    Duration delay = backoff;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      String outcome;
      boolean retry = true;
      try {
        guard.check(url);
        int status = post(body, alert.id());
        if (status / 100 == 2) {
          delivered.increment();
          return;
        }
        outcome = "http_" + status;
        // Other 4xx: the receiver refuses this alert, and retrying would not change its mind.
        retry = status == 429 || status >= 500;
      } catch (IllegalArgumentException e) {
        outcome = "refused: " + e.getMessage();
        retry = false; // the guard refuses the address: no retry can succeed
      } catch (AddressGuardRefusal e) {
        outcome = "refused: webhook host " + e.getMessage();
        retry = false;
      } catch (GuardedHttpClient.DeadlineException e) {
        outcome = "timeout";
      } catch (IOException e) {
        outcome = "io_error: " + e;
      }
      LOG.warn(
          "webhook attempt {}/{} for alert {} failed: {}", attempt, attempts, alert.id(), outcome);
      if (!retry) {
        break;
      }
      if (attempt < attempts) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        delay = delay.multipliedBy(2);
      }
    }
    failed.increment();
    LOG.warn("webhook gave up on alert {}", alert.id());
  }

  /** A connection the guard refused at connect time (the host resolved differently). */
  private static final class AddressGuardRefusal extends IOException {
    private static final long serialVersionUID = 1L;

    AddressGuardRefusal(String message) {
      super(message);
    }
  }

  private int post(byte[] body, String idempotencyKey) throws IOException {
    HttpPost request = new HttpPost(url);
    request.setHeader(IDEMPOTENCY_HEADER, idempotencyKey);
    request.setHeader("User-Agent", "thesiswatch-dashboard");
    request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    // One deadline per attempt covers connect, headers and body.
    try (GuardedHttpClient.Exchange exchange = client.open(request, Instant.now().plus(timeout))) {
      return exchange.response().getCode();
    } catch (IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof thesiswatch.common.AddressGuard.RefusedAddressException refused) {
          throw new AddressGuardRefusal(refused.getMessage());
        }
      }
      throw e;
    }
  }

  /** Waits briefly for queued deliveries, then stops. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      client.close();
    }
  }
}
