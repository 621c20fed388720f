package thesiswatch.ingest.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Fetches one feed over http(s) or from an explicit {@code file:} URL, within {@link FetchLimits}:
 * one deadline covers every hop, the headers and the body (the JDK client's own request timeout
 * covers only the headers); redirects are followed by hand and every hop passes the {@link
 * SsrfGuard}; gzip and deflate are decoded here (the JDK client never does) and the cap applies to
 * the decoded bytes, so a compression bomb stops at the cap.
 */
public final class Fetcher {

  /** What we ask for: feeds first, anything else last (the body is sniffed, not trusted). */
  private static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
          + "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

  private final FetchLimits limits;
  private final SsrfGuard guard;
  private final HttpClient client;

  /** A fetcher bound to {@code limits} that checks every hop with {@code guard}. */
  public Fetcher(FetchLimits limits, SsrfGuard guard) {
    this.limits = limits;
    this.guard = guard;
    this.client =
        HttpClient.newBuilder()
            // Redirects are followed by hand: the JDK ends a loop silently and skips our guard.
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(limits.connectTimeout())
            // HTTP/1.1 avoids the h2c upgrade dance that some small feed servers mishandle.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
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
      guard.check(current);
      HttpResponse<byte[]> response = send(current, etag, lastModified, deadline);
      int status = response.statusCode();
      HttpHeaders headers = response.headers();
      if (status >= 200 && status < 300) {
        byte[] body =
            decode(response.body(), headers.firstValue("Content-Encoding").orElse("identity"));
        return new FetchResult(
            false,
            body,
            headers.firstValue("Content-Type").orElse(null),
            headers.firstValue("ETag").orElse(null),
            headers.firstValue("Last-Modified").orElse(null),
            current.toString(),
            hop > 0 && permanent);
      }
      if (status == 304) {
        return FetchResult.unchanged(
            headers.firstValue("ETag").orElse(etag),
            headers.firstValue("Last-Modified").orElse(lastModified),
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
        current = redirectTarget(current, headers);
        continue;
      }
      throw statusFault(status, headers, current);
    }
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

  private HttpResponse<byte[]> send(URI uri, String etag, String lastModified, Instant deadline)
      throws FeedFault {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new FeedFault(
          FaultKind.TIMEOUT, "fetch: no answer within " + limits.timeout() + " from " + uri);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(left)
            .header("User-Agent", limits.userAgent())
            .header("Accept", ACCEPT)
            .header("Accept-Encoding", "gzip, deflate");
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      request.header("If-Modified-Since", lastModified);
    }
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(
            request.build(), info -> CappedBody.forResponse(info, limits.maxBodyBytes()));
    try {
      // The future completes only when the whole body is in, so this deadline covers the body too.
      return future.get(left.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new FeedFault(
          FaultKind.TIMEOUT,
          "fetch: no complete answer within " + limits.timeout() + " from " + uri,
          e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new FeedFault(FaultKind.TIMEOUT, "fetch: interrupted while fetching " + uri, e);
    } catch (ExecutionException e) {
      throw classify(e.getCause(), uri);
    }
  }

  private FeedFault classify(Throwable cause, URI uri) {
    if (cause instanceof CappedBody.TooLargeException) {
      return new FeedFault(
          FaultKind.TOO_LARGE,
          "fetch: body of " + uri + " exceeds " + limits.maxBodyBytes() + " bytes");
    }
    if (cause instanceof HttpTimeoutException) {
      return new FeedFault(
          FaultKind.TIMEOUT, "fetch: no answer within " + limits.timeout() + " from " + uri, cause);
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

  private static URI redirectTarget(URI from, HttpHeaders headers) throws FeedFault {
    String location = headers.firstValue("Location").orElse(null);
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

  private static FeedFault statusFault(int status, HttpHeaders headers, URI uri) {
    String message = "fetch: HTTP " + status + " from " + uri;
    return switch (status) {
      case 404 -> new FeedFault(FaultKind.HTTP_404, message, status, null, null);
      case 410 -> new FeedFault(FaultKind.HTTP_410, message, status, null, null);
      case 429 -> new FeedFault(FaultKind.HTTP_429, message, status, retryAfter(headers), null);
      case 503 -> new FeedFault(FaultKind.HTTP_503, message, status, retryAfter(headers), null);
      default -> new FeedFault(FaultKind.HTTP_ERROR, message, status, null, null);
    };
  }

  /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpHeaders headers) {
    String value = headers.firstValue("Retry-After").map(String::strip).orElse(null);
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
    String encoding = contentEncoding.strip().toLowerCase(Locale.ROOT);
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
        throw new FeedFault(
            FaultKind.TOO_LARGE,
            "fetch: body exceeds " + limits.maxBodyBytes() + " bytes after decompression");
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
}
