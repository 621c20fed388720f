package thesiswatch.cli.ops;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.util.JavalinBindException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import thesiswatch.common.Env;
import thesiswatch.common.Json;
import thesiswatch.common.PortInUseException;
import thesiswatch.dashboard.http.GetOnly;

/**
 * A small HTTP endpoint for a headless service: {@code GET /health} (liveness), {@code GET /ready}
 * (readiness, 503 until ready) and {@code GET /metrics} (Prometheus text format).
 *
 * <p>It is served by Jetty (through Javalin, as the dashboard is), which reads requests without
 * tying a thread to a client. The JDK's {@code HttpServer} it replaced read each request on its one
 * dispatcher thread: a client that sent half a request line and waited stopped {@code /health} and
 * {@code /metrics} for everyone, so an orchestrator would restart a healthy service. Paths are
 * exact ({@code /healthz} was answered as {@code /health}); anything else is a JSON error.
 */
public final class OpsEndpoint implements AutoCloseable {

  /** Default ops port of ingest. */
  public static final int INGEST_PORT = 8081;

  /** Default ops port of the classifier. */
  public static final int CLASSIFIER_PORT = 8082;

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private static final List<String> PATHS = List.of("/health", "/ready", "/metrics");

  private final Javalin server;

  private OpsEndpoint(Javalin server) {
    this.server = server;
  }

  /** The port from {@code variable}, default {@code fallback}; 0 picks a free port. */
  public static int port(Env env, String variable, int fallback) {
    return env.integer(variable, fallback, 0, 65535);
  }

  /**
   * Serves {@code registry} and {@code ready} on all interfaces at {@code port}.
   *
   * @throws PortInUseException when {@code port} is taken
   */
  public static OpsEndpoint start(
      int port, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    Javalin server = SmallServer.create("ops-http");
    server.get("/health", ctx -> json(ctx, 200, Map.of("status", "up")));
    server.get(
        "/ready",
        ctx -> {
          boolean isReady = ready.getAsBoolean();
          json(ctx, isReady ? 200 : 503, Map.of("status", isReady ? "ready" : "not_ready"));
        });
    server.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
    for (String path : PATHS) {
      GetOnly.methods(
          server,
          path,
          ctx -> error(ctx, 405, "method_not_allowed", ctx.method() + " is not served on " + path));
    }
    server.error(
        404,
        ctx ->
            error(
                ctx,
                404,
                "not_found",
                "no such endpoint: "
                    + ctx.path()
                    + "; this one serves "
                    + String.join(", ", PATHS)));
    try {
      server.start(port);
    } catch (JavalinBindException e) {
      throw new PortInUseException(port, "the ops endpoint");
    }
    return new OpsEndpoint(server);
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  private static void json(Context ctx, int status, Map<String, String> body) {
    ctx.status(status).contentType("application/json").result(Json.bytes(body));
  }

  private static void error(Context ctx, int status, String kind, String detail) {
    json(ctx, status, Map.of("error", kind, "detail", detail));
  }

  @Override
  public void close() {
    server.stop();
  }
}
