package thesiswatch.common;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client of everything thesiswatch fetches or posts on the say-so of outside data (feeds,
 * webhooks): Apache HttpClient 5, chosen because its {@link DnsResolver} hook makes the {@link
 * AddressGuard} the client's own resolver, so the addresses checked are the addresses connected to
 * (the JDK's {@code HttpClient} has no resolver hook on Java 17, and checking before it resolves
 * again leaves the gap DNS rebinding uses). Redirects are not followed (callers follow them by
 * hand, each hop through the guard again), nothing is decompressed behind the caller's back (so its
 * size cap counts decoded bytes), no retries, no cookies, and a response's header lines are
 * limited.
 *
 * <p>One deadline covers a whole exchange, connection, headers and body: when it passes the request
 * is cancelled, which closes the connection under a read that is still waiting. Thread-safe.
 */
public final class GuardedHttpClient implements AutoCloseable {

  /** Longest response header line: far above any real header, far below a memory problem. */
  static final int MAX_HEADER_LINE = 8_192;

  /** Most response header lines. */
  static final int MAX_HEADERS = 100;

  /** Connections kept in all and per host and port. */
  private static final int MAX_CONNECTIONS = 64;

  private static final int MAX_CONNECTIONS_PER_ROUTE = 16;

  /** Cancels exchanges whose deadline passed; one daemon thread for every client. */
  private static final ScheduledExecutorService DEADLINES = deadlines();

  private final CloseableHttpClient client;

  private GuardedHttpClient(CloseableHttpClient client) {
    this.client = client;
  }

  /** A client connecting only where {@code guard} allows, within {@code connectTimeout}. */
  public static GuardedHttpClient create(AddressGuard guard, Duration connectTimeout) {
    return create(guard, connectTimeout, proxy -> proxy == null ? new Socket() : new Socket(proxy));
  }

  /**
   * A client as above whose sockets come from {@code sockets}: tests see where a connection would
   * go without sending anything.
   */
  public static GuardedHttpClient create(
      AddressGuard guard, Duration connectTimeout, DetachedSocketFactory sockets) {
    DefaultHttpClientConnectionOperator operator =
        new DefaultHttpClientConnectionOperator(
            sockets,
            DefaultSchemePortResolver.INSTANCE,
            resolver(guard),
            RegistryBuilder.<TlsSocketStrategy>create()
                .register("https", DefaultClientTlsStrategy.createDefault())
                .build());
    PoolingHttpClientConnectionManager connections =
        new PoolingHttpClientConnectionManager(
            operator,
            PoolConcurrencyPolicy.STRICT,
            PoolReusePolicy.LIFO,
            TimeValue.ofMinutes(5),
            ManagedHttpClientConnectionFactory.builder()
                .http1Config(
                    Http1Config.custom()
                        .setMaxLineLength(MAX_HEADER_LINE)
                        .setMaxHeaderCount(MAX_HEADERS)
                        .build())
                .build());
    connections.setMaxTotal(MAX_CONNECTIONS);
    connections.setDefaultMaxPerRoute(MAX_CONNECTIONS_PER_ROUTE);
    connections.setDefaultConnectionConfig(
        ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout)).build());
    return new GuardedHttpClient(
        HttpClients.custom()
            .setConnectionManager(connections)
            .disableRedirectHandling()
            .disableContentCompression()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .build());
  }

  /** The guard as the client's resolver: one lookup per connection, every address checked. */
  private static DnsResolver resolver(AddressGuard guard) {
    return new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        return guard.resolve(host, -1);
      }

      @Override
      public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        List<InetSocketAddress> result = new ArrayList<>();
        for (InetAddress address : guard.resolve(host, port)) {
          result.add(new InetSocketAddress(address, port));
        }
        return result;
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host; // only authentication schemes ask, and none is used
      }
    };
  }

  /** The exchange's deadline passed before it was complete. */
  public static final class DeadlineException extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    DeadlineException(String message) {
      super(message);
    }
  }

  /** One request and its response; closing it releases (or closes) the connection. */
  public static final class Exchange implements AutoCloseable {
    private final ClassicHttpResponse response;
    private final ScheduledFuture<?> cancel;
    private final AtomicBoolean timedOut;

    private Exchange(
        ClassicHttpResponse response, ScheduledFuture<?> cancel, AtomicBoolean timedOut) {
      this.response = response;
      this.cancel = cancel;
      this.timedOut = timedOut;
    }

    /** The response, its body still to be read (within the same deadline). */
    public ClassicHttpResponse response() {
      return response;
    }

    /** Whether the deadline passed, so that a failed read means a timeout. */
    public boolean timedOut() {
      return timedOut.get();
    }

    @Override
    public void close() {
      cancel.cancel(false);
      try {
        response.close();
      } catch (IOException e) {
        // the connection is discarded either way
      }
    }
  }

  /**
   * Sends {@code request} and returns its response, the whole exchange cancelled at {@code
   * deadline}.
   *
   * @throws DeadlineException when the deadline passed first
   * @throws AddressGuard.RefusedAddressException when the host resolves to a refused address
   * @throws IOException for any other failure (refused, reset, TLS, protocol)
   */
  public Exchange open(HttpUriRequestBase request, Instant deadline) throws IOException {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new DeadlineException("no time left for " + request.getRequestUri());
    }
    request.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(Timeout.of(left))
            .setConnectionRequestTimeout(Timeout.of(left))
            .build());
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> cancel =
        DEADLINES.schedule(
            () -> {
              timedOut.set(true);
              request.cancel();
            },
            left.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      return new Exchange(client.executeOpen(null, request, null), cancel, timedOut);
    } catch (IOException | RuntimeException e) {
      cancel.cancel(false);
      if (timedOut.get()) {
        DeadlineException timeout = new DeadlineException("deadline passed");
        timeout.initCause(e);
        throw timeout;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // closing idle connections may fail; they are gone either way
    }
  }

  private static ScheduledExecutorService deadlines() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("http-deadlines"));
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
