package thesiswatch.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.AddressGuard;
import thesiswatch.common.GuardedHttpClient;
import thesiswatch.ingest.LoopbackFeedServer;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * The F rows of the reliability catalogue against a loopback server: each hostile answer ends in
 * its classified fault, within the limits, and never reaches a guarded address.
 */
class FetcherIT {

  static final long CAP = 64 * 1024;
  static final byte[] FEED = LoopbackFeedServer.resource("tech-news.rss.xml");

  final CountDownLatch release = new CountDownLatch(1);
  LoopbackFeedServer server;
  Fetcher fetcher;

  @BeforeEach
  void start() {
    server = new LoopbackFeedServer();
    fetcher = fetcher(Set.of(server.hostPort()));
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  static final FetchLimits LIMITS =
      new FetchLimits(Duration.ofMillis(500), Duration.ofMillis(700), CAP, 5, "test");

  static Fetcher fetcher(Set<String> allowed) {
    return new Fetcher(LIMITS, new AddressGuard(allowed, "INGEST_ALLOW_PRIVATE"));
  }

  FaultKind faultOf(String path) {
    try {
      fetcher.fetch(server.url(path), null, null);
    } catch (FeedFault fault) {
      return fault.kind();
    }
    throw new AssertionError("no fault for " + path);
  }

  @Test
  void fetchesAFeedWithItsValidators() throws Exception {
    server.handle(
        "/feed",
        exchange -> {
          exchange.getResponseHeaders().set("ETag", "\"v1\"");
          exchange.getResponseHeaders().set("Last-Modified", "Mon, 03 Mar 2025 09:30:00 GMT");
          LoopbackFeedServer.send(exchange, 200, "application/rss+xml; charset=utf-8", FEED);
        });
    FetchResult result = fetcher.fetch(server.url("/feed"), null, null);
    assertThat(result.notModified()).isFalse();
    assertThat(result.body()).isEqualTo(FEED);
    assertThat(result.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
    assertThat(result.etag()).isEqualTo("\"v1\"");
    assertThat(result.lastModified()).isEqualTo("Mon, 03 Mar 2025 09:30:00 GMT");
    assertThat(result.finalUrl()).isEqualTo(server.url("/feed"));
  }

  @Test
  void sendsValidatorsAndTakes304AsUnchanged() throws Exception {
    server.handle(
        "/feed",
        exchange -> {
          boolean match =
              "\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))
                  && "Mon, 03 Mar 2025 09:30:00 GMT"
                      .equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"));
          LoopbackFeedServer.send(
              exchange, match ? 304 : 200, "text/xml", match ? new byte[0] : FEED);
        });
    FetchResult result =
        fetcher.fetch(server.url("/feed"), "\"v1\"", "Mon, 03 Mar 2025 09:30:00 GMT");
    assertThat(result.notModified()).isTrue();
    assertThat(result.body()).isEmpty();
    assertThat(result.etag()).isEqualTo("\"v1\"");
  }

  @Test
  void tarpitThatNeverAnswersTimesOut() {
    server.handle(
        "/tarpit",
        exchange -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertThat(faultOf("/tarpit")).isEqualTo(FaultKind.TIMEOUT);
  }

  @Test
  void trickledBodyTimesOutBecauseTheDeadlineCoversTheBody() {
    server.handle(
        "/trickle",
        exchange -> {
          exchange.sendResponseHeaders(200, 1_000);
          OutputStream body = exchange.getResponseBody();
          try {
            for (int i = 0; i < 100 && release.getCount() > 0; i++) {
              body.write('<');
              body.flush();
              Thread.sleep(100);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertThat(faultOf("/trickle")).isEqualTo(FaultKind.TIMEOUT);
  }

  @Test
  void gzipBombStopsAtTheCapAfterDecompression() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 10; i++) {
        gzip.write(zeros); // 10 MiB inflated, about 10 KB on the wire
      }
    }
    byte[] bomb = compressed.toByteArray();
    assertThat((long) bomb.length).isLessThan(CAP);
    server.handle(
        "/bomb",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Encoding", "gzip");
          LoopbackFeedServer.send(exchange, 200, "application/rss+xml", bomb);
        });
    assertThat(faultOf("/bomb")).isEqualTo(FaultKind.TOO_LARGE);
  }

  @Test
  void gzipAndDeflateBodiesAreDecoded() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(FEED);
    }
    server.handle(
        "/gz",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Encoding", "gzip");
          LoopbackFeedServer.send(exchange, 200, "application/rss+xml", compressed.toByteArray());
        });
    assertThat(fetcher.fetch(server.url("/gz"), null, null).body()).isEqualTo(FEED);
  }

  @Test
  void unknownContentEncodingIsRefused() {
    server.handle(
        "/br",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Encoding", "br");
          LoopbackFeedServer.send(exchange, 200, "application/rss+xml", FEED);
        });
    assertThat(faultOf("/br")).isEqualTo(FaultKind.BAD_ENCODING);
  }

  @Test
  void oversizedBodyIsRefusedWithOrWithoutContentLength() {
    server.handle(
        "/announced",
        exchange -> {
          exchange.sendResponseHeaders(200, 10 * CAP);
          exchange.getResponseBody().write(new byte[(int) (10 * CAP)]);
        });
    server.handle(
        "/endless",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked, no length
          byte[] item = "<item><title>x</title></item>".getBytes(StandardCharsets.UTF_8);
          OutputStream body = exchange.getResponseBody();
          for (long sent = 0; sent < 100 * CAP && release.getCount() > 0; sent += item.length) {
            body.write(item);
          }
        });
    assertThat(faultOf("/announced")).isEqualTo(FaultKind.TOO_LARGE);
    assertThat(faultOf("/endless")).isEqualTo(FaultKind.TOO_LARGE);
  }

  @Test
  void redirectLoopEndsAfterTheHopLimit() {
    server.handle(
        "/loop",
        exchange -> {
          exchange.getResponseHeaders().set("Location", "/loop");
          LoopbackFeedServer.send(exchange, 302, null, new byte[0]);
        });
    assertThat(faultOf("/loop")).isEqualTo(FaultKind.TOO_MANY_REDIRECTS);
    assertThat(server.requests("/loop")).isEqualTo(6); // the first request and 5 hops
  }

  @Test
  void redirectsAreFollowedAndEveryHopIsChecked() throws Exception {
    try (LoopbackFeedServer privateServer = new LoopbackFeedServer("127.0.0.2")) {
      privateServer.file("/internal", "tech-news.rss.xml", "text/xml");
      server.handle(
          "/moved",
          exchange -> {
            exchange.getResponseHeaders().set("Location", "/feed");
            LoopbackFeedServer.send(exchange, 301, null, new byte[0]);
          });
      server.file("/feed", "tech-news.rss.xml", "text/xml");
      server.handle(
          "/to-private",
          exchange -> {
            exchange.getResponseHeaders().set("Location", privateServer.url("/internal"));
            LoopbackFeedServer.send(exchange, 302, null, new byte[0]);
          });
      server.handle(
          "/to-file",
          exchange -> {
            exchange.getResponseHeaders().set("Location", "file:///etc/passwd");
            LoopbackFeedServer.send(exchange, 302, null, new byte[0]);
          });

      FetchResult moved = fetcher.fetch(server.url("/moved"), null, null);
      assertThat(moved.body()).isEqualTo(FEED);
      assertThat(moved.finalUrl()).isEqualTo(server.url("/feed"));
      assertThat(moved.movedPermanently()).isTrue();
      assertThat(fetcher.fetch(server.url("/feed"), null, null).movedPermanently()).isFalse();
      assertThat(faultOf("/to-private")).isEqualTo(FaultKind.BLOCKED_ADDRESS);
      assertThat(privateServer.requests("/internal")).isZero();
      assertThat(faultOf("/to-file")).isEqualTo(FaultKind.BAD_URL);
    }
  }

  @Test
  void privateAddressesAreRefusedUnlessAllowListed() {
    Fetcher guarded = fetcher(Set.of());
    server.file("/feed", "tech-news.rss.xml", "text/xml");
    int port = server.port();
    for (String url :
        new String[] {
          server.url("/feed"),
          "http://[::1]:" + port + "/feed",
          "http://0.0.0.0:" + port + "/feed",
          "http://2130706433:" + port + "/feed",
          "http://localhost:" + port + "/feed",
          "http://169.254.169.254/latest/meta-data/",
          "http://10.0.0.1/feed",
          "http://192.168.1.1/feed",
          "http://100.64.0.1/feed",
          "http://[fd00::1]/feed",
          "http://[::ffff:127.0.0.1]:" + port + "/feed"
        }) {
      assertThatThrownBy(() -> guarded.fetch(url, null, null))
          .as(url)
          .isInstanceOfSatisfying(
              FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.BLOCKED_ADDRESS));
    }
    assertThat(server.requests("/feed")).isZero();
  }

  @Test
  void aHostThatRebindsToLoopbackAfterTheCheckNeverReachesIt() throws Exception {
    server.file("/feed", "tech-news.rss.xml", "text/xml");
    // A hostile DNS server: a public address for the first lookup, loopback for any later one.
    AtomicInteger lookups = new AtomicInteger();
    AddressGuard.Resolver rebinding =
        host ->
            new InetAddress[] {
              InetAddress.getByName(lookups.incrementAndGet() == 1 ? "93.184.215.14" : "127.0.0.1")
            };
    // Sockets that record where they would connect and refuse, so nothing leaves this machine.
    List<SocketAddress> attempts = new CopyOnWriteArrayList<>();
    DetachedSocketFactory watched =
        proxy ->
            new Socket() {
              @Override
              public void connect(SocketAddress endpoint, int timeout) throws IOException {
                attempts.add(endpoint);
                if (!((InetSocketAddress) endpoint).getAddress().isLoopbackAddress()) {
                  throw new ConnectException("refused by the test: " + endpoint);
                }
                super.connect(endpoint, timeout);
              }
            };
    int port = server.port();
    try (Fetcher pinned =
        new Fetcher(
            LIMITS,
            GuardedHttpClient.create(
                new AddressGuard(Set.of(), "INGEST_ALLOW_PRIVATE", rebinding),
                LIMITS.connectTimeout(),
                watched))) {
      String url = "http://rebind.example:" + port + "/feed";
      assertThatThrownBy(() -> pinned.fetch(url, null, null))
          .isInstanceOfSatisfying(
              FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.IO_ERROR));
      // The connection went to the address that was checked, the only one looked up.
      assertThat(attempts)
          .containsExactly(new InetSocketAddress(InetAddress.getByName("93.184.215.14"), port));
      assertThat(lookups).hasValue(1);
      // The next fetch looks up again, gets loopback, and is refused before any connection.
      assertThatThrownBy(() -> pinned.fetch(url, null, null))
          .isInstanceOfSatisfying(
              FeedFault.class,
              f -> {
                assertThat(f.kind()).isEqualTo(FaultKind.BLOCKED_ADDRESS);
                assertThat(f.getMessage())
                    .isEqualTo(
                        "fetch: rebind.example resolves to non-public address 127.0.0.1"
                            + " (loopback, RFC 1122; allow it with INGEST_ALLOW_PRIVATE)");
              });
      assertThat(attempts).hasSize(1);
    }
    assertThat(server.requests("/feed")).isZero();
  }

  @Test
  void onlyHttpHttpsAndFileUrlsAreFetched() {
    for (String url :
        new String[] {
          "ftp://example.com/feed", "gopher://x/", "javascript:alert(1)", "not a url"
        }) {
      assertThatThrownBy(() -> fetcher.fetch(url, null, null))
          .as(url)
          .isInstanceOfSatisfying(
              FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.BAD_URL));
    }
  }

  @Test
  void statusCodesAreClassified() {
    server.handle(
        "/404", exchange -> LoopbackFeedServer.send(exchange, 404, "text/html", "gone".getBytes()));
    server.handle("/410", exchange -> LoopbackFeedServer.send(exchange, 410, null, new byte[0]));
    server.handle("/500", exchange -> LoopbackFeedServer.send(exchange, 500, null, new byte[0]));
    assertThat(faultOf("/404")).isEqualTo(FaultKind.HTTP_404);
    assertThat(faultOf("/410")).isEqualTo(FaultKind.HTTP_410);
    assertThat(faultOf("/500")).isEqualTo(FaultKind.HTTP_ERROR);
  }

  @Test
  void retryAfterIsReadAsSecondsOrHttpDateAndAbsentStaysAbsent() {
    server.handle(
        "/429",
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "120");
          LoopbackFeedServer.send(exchange, 429, null, new byte[0]);
        });
    server.handle(
        "/429-bare", exchange -> LoopbackFeedServer.send(exchange, 429, null, new byte[0]));
    server.handle(
        "/503",
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "Fri, 01 Jan 2100 00:00:00 GMT");
          LoopbackFeedServer.send(exchange, 503, null, new byte[0]);
        });
    assertThatThrownBy(() -> fetcher.fetch(server.url("/429"), null, null))
        .isInstanceOfSatisfying(
            FeedFault.class,
            f -> {
              assertThat(f.kind()).isEqualTo(FaultKind.HTTP_429);
              assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(120));
            });
    assertThatThrownBy(() -> fetcher.fetch(server.url("/429-bare"), null, null))
        .isInstanceOfSatisfying(
            FeedFault.class,
            f -> {
              assertThat(f.kind()).isEqualTo(FaultKind.HTTP_429);
              assertThat(f.retryAfter()).isNull();
            });
    assertThatThrownBy(() -> fetcher.fetch(server.url("/503"), null, null))
        .isInstanceOfSatisfying(
            FeedFault.class,
            f -> {
              assertThat(f.kind()).isEqualTo(FaultKind.HTTP_503);
              assertThat(f.retryAfter()).isGreaterThan(Duration.ofDays(365));
            });
  }

  @Test
  void bodyCutShortIsAnIoError() {
    server.handle(
        "/cut",
        exchange -> {
          exchange.sendResponseHeaders(200, 5_000);
          exchange.getResponseBody().write(FEED, 0, 100);
          exchange.getResponseBody().flush();
          exchange
              .getHttpContext()
              .getServer(); // the handler returns: the exchange closes mid-body
        });
    assertThat(faultOf("/cut")).isEqualTo(FaultKind.IO_ERROR);
  }

  @Test
  void readsFileUrlsWithTheSameCap(@TempDir Path dir) throws IOException {
    Path feed = Files.write(dir.resolve("feed.xml"), FEED);
    Path big = Files.write(dir.resolve("big.xml"), new byte[(int) CAP + 1]);
    assertThatThrownBy(() -> fetcher.fetch(big.toUri().toString(), null, null))
        .isInstanceOfSatisfying(
            FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.TOO_LARGE));
    assertThatThrownBy(
            () -> fetcher.fetch(dir.resolve("missing.xml").toUri().toString(), null, null))
        .isInstanceOfSatisfying(
            FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.IO_ERROR));
    try {
      assertThat(fetcher.fetch(feed.toUri().toString(), null, null).body()).isEqualTo(FEED);
    } catch (FeedFault e) {
      throw new AssertionError(e);
    }
  }
}
