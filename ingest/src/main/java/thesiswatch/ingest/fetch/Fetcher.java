package thesiswatch.ingest.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import thesiswatch.common.AddressGuard;
import thesiswatch.common.GuardedHttpClient;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Fetches one feed over http(s) or from an explicit {@code file:} URL, within {@link FetchLimits}:
 * one deadline covers every hop, the headers and the body; redirects are followed by hand, and
 * every connection, the first and each hop's, goes only to addresses the {@link AddressGuard} let
 * through when it resolved the host (the client connects to exactly those, so DNS rebinding cannot
 * slip a private address in between); gzip and deflate are decoded here and the cap applies to the
 * decoded bytes, so a compression bomb stops at the cap.
 */
public final class Fetcher implements AutoCloseable {

  /** What we ask for: feeds first, anything else last (the body is sniffed, not trusted). */
  private static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
          + "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

  private final FetchLimits limits;
  private final GuardedHttpClient client;

  /** A fetcher bound to {@code limits} whose every connection passes {@code guard}. */
  public Fetcher(FetchLimits limits, AddressGuard guard) {
    this(limits, GuardedHttpClient.create(guard, limits.connectTimeout()));
  }

  /** A fetcher sending through {@code client} (tests give one whose sockets they watch). */
  Fetcher(FetchLimits limits, GuardedHttpClient client) {
    this.limits = limits;
    this.client = client;
  }

  /**
   * Fetches {@code url}, sending the validators when given.
   *
   * @param url an http, https or file URL
   * @param etag the previous ETag, or null
   * @param lastModified the previous Last-Modified, or null
   * @throws FeedFault classified, never any other exception for bad input or a bad server
   */
  public FetchResult fetch(String url, String etag, String lastModified) throws FeedFault {
    URI uri = parseUri(url);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      return readFile(uri);
    }
    Instant deadline = Instant.now().plus(limits.timeout());
    URI current = uri;
    boolean permanent = true;
    for (int hop = 0; ; hop++) {
      if (current.getHost() == null) {
        throw new FeedFault(FaultKind.BAD_URL, "fetch: no host in " + current);
      }
      GuardedHttpClient.Exchange exchange = null;
      try {
        exchange = client.open(request(current, etag, lastModified), deadline);
        ClassicHttpResponse response = exchange.response();
        int status = response.getCode();
        if (status >= 200 && status < 300) {
          String encoding = header(response, "Content-Encoding");
          byte[] body = decode(read(response.getEntity(), encoding), encoding);
          return new FetchResult(
              false,
              body,
              header(response, "Content-Type"),
              header(response, "ETag"),
              header(response, "Last-Modified"),
              current.toString(),
              hop > 0 && permanent);
        }
        if (status == 304) {
          String newEtag = header(response, "ETag");
          String newLastModified = header(response, "Last-Modified");
          return FetchResult.unchanged(
              newEtag != null ? newEtag : etag,
              newLastModified != null ? newLastModified : lastModified,
              current.toString(),
              hop > 0 && permanent);
        }
        if (isRedirect(status)) {
          if (hop >= limits.maxRedirects()) {
            throw new FeedFault(
                FaultKind.TOO_MANY_REDIRECTS,
                "fetch: more than " + limits.maxRedirects() + " redirects from " + url);
          }
          permanent &= status == 301 || status == 308;
          current = redirectTarget(current, header(response, "Location"));
          continue;
        }
        throw statusFault(status, response, current);
      } catch (IOException e) {
        throw classify(e, exchange != null && exchange.timedOut(), current);
      } finally {
        if (exchange != null) {
          exchange.close();
        }
      }
    }
  }

  private HttpGet request(URI uri, String etag, String lastModified) {
    HttpGet get = new HttpGet(uri);
    get.setHeader("User-Agent", limits.userAgent());
    get.setHeader("Accept", ACCEPT);
    get.setHeader("Accept-Encoding", "gzip, deflate");
    if (etag != null) {
      get.setHeader("If-None-Match", etag);
    }
    if (lastModified != null) {
      get.setHeader("If-Modified-Since", lastModified);
    }
    return get;
  }

  private static String header(ClassicHttpResponse response, String name) {
    Header header = response.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  /** The raw body, at most the cap; refused early when an identity body announces more. */
  private byte[] read(HttpEntity entity, String contentEncoding) throws IOException, FeedFault {
    if (entity == null) {
      return new byte[0];
    }
    boolean identity =
        contentEncoding == null
            || contentEncoding.isBlank()
            || contentEncoding.strip().equalsIgnoreCase("identity");
    if (identity && entity.getContentLength() > limits.maxBodyBytes()) {
      throw tooLarge("");
    }
    try (InputStream in = entity.getContent()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBodyBytes() + 1));
      if (body.length > limits.maxBodyBytes()) {
        throw tooLarge("");
      }
      return body;
    }
  }

  private FeedFault tooLarge(String when) {
    return new FeedFault(
        FaultKind.TOO_LARGE, "fetch: body exceeds " + limits.maxBodyBytes() + " bytes" + when);
  }

  private static URI parseUri(String url) throws FeedFault {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new FeedFault(FaultKind.BAD_URL, "fetch: malformed URL " + url, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
      throw new FeedFault(
          FaultKind.BAD_URL, "fetch: only http, https and file URLs are fetched: " + url);
    }
    return uri;
  }

  private FeedFault classify(IOException cause, boolean timedOut, URI uri) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof AddressGuard.RefusedAddressException refused) {
        return new FeedFault(FaultKind.BLOCKED_ADDRESS, "fetch: " + refused.getMessage(), cause);
      }
    }
    if (timedOut
        || cause instanceof GuardedHttpClient.DeadlineException
        || cause instanceof SocketTimeoutException) {
      return new FeedFault(
          FaultKind.TIMEOUT,
          "fetch: no complete answer within " + limits.timeout() + " from " + uri,
          cause);
    }
    if (cause instanceof UnknownHostException) {
      return new FeedFault(
          FaultKind.IO_ERROR, "fetch: cannot resolve host " + uri.getHost(), cause);
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return new FeedFault(
            FaultKind.TLS_ERROR, "fetch: TLS failure with " + uri + ": " + t.getMessage(), cause);
      }
    }
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new FeedFault(FaultKind.IO_ERROR, "fetch: " + detail + " for " + uri, cause);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static URI redirectTarget(URI from, String location) throws FeedFault {
    if (location == null || location.isBlank()) {
      throw new FeedFault(
          FaultKind.TOO_MANY_REDIRECTS, "fetch: redirect without Location from " + from);
    }
    URI target;
    try {
      target = from.resolve(new URI(location.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FeedFault(
          FaultKind.BAD_URL,
          "fetch: malformed redirect Location '" + location + "' from " + from,
          e);
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FeedFault(
          FaultKind.BAD_URL, "fetch: redirect to a non-http(s) URL " + target + " from " + from);
    }
    return target;
  }

  private static FeedFault statusFault(int status, ClassicHttpResponse response, URI uri) {
    String message = "fetch: HTTP " + status + " from " + uri;
    String retryAfter = header(response, "Retry-After");
    return switch (status) {
      case 404 -> new FeedFault(FaultKind.HTTP_404, message, status, null, null);
      case 410 -> new FeedFault(FaultKind.HTTP_410, message, status, null, null);
      case 429 -> new FeedFault(FaultKind.HTTP_429, message, status, retryAfter(retryAfter), null);
      case 503 -> new FeedFault(FaultKind.HTTP_503, message, status, retryAfter(retryAfter), null);
      default -> new FeedFault(FaultKind.HTTP_ERROR, message, status, null, null);
    };
  }

  /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    String value = header == null ? null : header.strip();
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.chars().allMatch(Character::isDigit)) {
      return value.length() > 9
          ? Duration.ofSeconds(999_999_999)
          : Duration.ofSeconds(Long.parseLong(value));
    }
    try {
      Instant when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(Instant.now(), when);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private byte[] decode(byte[] raw, String contentEncoding) throws FeedFault {
    String encoding =
        contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    try {
      return switch (encoding) {
        case "", "identity" -> raw;
        case "gzip", "x-gzip" -> capped(new GZIPInputStream(new ByteArrayInputStream(raw)));
        case "deflate" -> inflate(raw);
        default ->
            throw new FeedFault(
                FaultKind.BAD_ENCODING, "fetch: unsupported Content-Encoding " + contentEncoding);
      };
    } catch (IOException e) {
      throw new FeedFault(
          FaultKind.BAD_ENCODING,
          "fetch: body does not decompress as " + encoding + ": " + e.getMessage(),
          e);
    }
  }

  private byte[] inflate(byte[] raw) throws IOException, FeedFault {
    try {
      return capped(new InflaterInputStream(new ByteArrayInputStream(raw)));
    } catch (ZipException e) {
      // "deflate" should be zlib-wrapped, but some servers send a raw deflate stream.
      return capped(new InflaterInputStream(new ByteArrayInputStream(raw), new Inflater(true)));
    }
  }

  private byte[] capped(InputStream decoded) throws IOException, FeedFault {
    try (decoded) {
      byte[] body =
          decoded.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBodyBytes() + 1));
      if (body.length > limits.maxBodyBytes()) {
        throw tooLarge(" after decompression");
      }
      return body;
    }
  }

  private FetchResult readFile(URI uri) throws FeedFault {
    Path path;
    try {
      path = Path.of(uri);
    } catch (IllegalArgumentException e) {
      throw new FeedFault(FaultKind.BAD_URL, "fetch: not a usable file URL " + uri, e);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return new FetchResult(false, capped(in), null, null, null, uri.toString(), false);
    } catch (NoSuchFileException e) {
      throw new FeedFault(FaultKind.IO_ERROR, "fetch: no such file " + path, e);
    } catch (IOException e) {
      throw new FeedFault(
          FaultKind.IO_ERROR, "fetch: cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
