package thesiswatch.cli.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import thesiswatch.common.DaemonThreads;

/**
 * A benchmark's own HTTP server on 127.0.0.1 and a free port (the JDK's server, as the demo's
 * sample feeds are served), its threads named {@value StageCpu#LOOPBACK_SERVER}{@code -N} so that
 * their CPU is told apart from the product's.
 */
final class LoopbackServer implements AutoCloseable {

  /** Threads answering: ingest fetches with a few at a time, so a few are enough. */
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;

  private LoopbackServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Serves every path with {@code handler}. */
  static LoopbackServer start(HttpHandler handler) {
    ExecutorService executor =
        Executors.newFixedThreadPool(THREADS, DaemonThreads.numbered(StageCpu.LOOPBACK_SERVER));
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      server.createContext("/", handler);
      server.setExecutor(executor);
      server.start();
      return new LoopbackServer(server, executor);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot serve on loopback", e);
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://" + hostPort();
  }

  /** {@code 127.0.0.1:PORT}, what {@code INGEST_ALLOW_PRIVATE} lets ingest's address guard pass. */
  String hostPort() {
    return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** Answers {@code exchange} with {@code status} and {@code body}, and closes it. */
  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
