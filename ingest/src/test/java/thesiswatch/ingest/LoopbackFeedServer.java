package thesiswatch.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A feed server on 127.0.0.1 for tests: serves fixture files and custom handlers, counts requests
 * per path and the highest number of requests in flight at once.
 */
public final class LoopbackFeedServer implements AutoCloseable {

  private final HttpServer server;
  private final String host;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  public LoopbackFeedServer() {
    this("127.0.0.1");
  }

  /** A server on the loopback address {@code host} (any of 127.0.0.0/8 on Linux). */
  public LoopbackFeedServer(String host) {
    this.host = host;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  /**
   * Serves the classpath resource {@code /feeds/<name>} at {@code path} with {@code contentType}.
   */
  public LoopbackFeedServer file(String path, String name, String contentType) {
    byte[] body = resource(name);
    return handle(
        path,
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", contentType);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        });
  }

  /** Serves {@code path} with {@code handler}; the exchange is closed afterwards. */
  public LoopbackFeedServer handle(String path, HttpHandler handler) {
    requests.put(path, new AtomicInteger());
    server.createContext(
        path,
        exchange -> {
          requests.get(path).incrementAndGet();
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            handler.handle(exchange);
          } catch (IOException e) {
            // the client gave up (timeouts under test): nothing to do
          } finally {
            inFlight.decrementAndGet();
            exchange.close();
          }
        });
    return this;
  }

  public static byte[] resource(String name) {
    try (InputStream in = LoopbackFeedServer.class.getResourceAsStream("/feeds/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture /feeds/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  public String url(String path) {
    return "http://" + host + ":" + port() + path;
  }

  /** {@code host:port}, as INGEST_ALLOW_PRIVATE takes it. */
  public String hostPort() {
    return host + ":" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public int requests(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  /** Requests being served right now. */
  public int inFlight() {
    return inFlight.get();
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
