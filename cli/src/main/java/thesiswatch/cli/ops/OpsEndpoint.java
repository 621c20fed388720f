package thesiswatch.cli.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import thesiswatch.common.Env;
import thesiswatch.common.PortInUseException;

/**
 * A small HTTP endpoint for a headless service: {@code GET /health} (liveness), {@code GET /ready}
 * (readiness, 503 until ready) and {@code GET /metrics} (Prometheus text format).
 */
public final class OpsEndpoint implements AutoCloseable {

  /** Default ops port of ingest. */
  public static final int INGEST_PORT = 8081;

  /** Default ops port of the classifier. */
  public static final int CLASSIFIER_PORT = 8082;

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private OpsEndpoint(HttpServer server) {
    this.server = server;
  }

  /** The port from {@code variable}, default {@code fallback}; 0 picks a free port. */
  public static int port(Env env, String variable, int fallback) {
    return env.integer(variable, fallback, 0, 65535);
  }

  /** Serves {@code registry} and {@code ready} on all interfaces at {@code port}. */
  public static OpsEndpoint start(
      int port, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 16);
    } catch (BindException e) {
      throw new PortInUseException(port, "the ops endpoint");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the ops endpoint on port " + port, e);
    }
    server.createContext(
        "/health", exchange -> respond(exchange, 200, "application/json", "{\"status\":\"up\"}"));
    server.createContext(
        "/ready",
        exchange -> {
          boolean isReady = ready.getAsBoolean();
          respond(
              exchange,
              isReady ? 200 : 503,
              "application/json",
              "{\"status\":\"" + (isReady ? "ready" : "not_ready") + "\"}");
        });
    server.createContext(
        "/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
    server.start();
    return new OpsEndpoint(server);
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
