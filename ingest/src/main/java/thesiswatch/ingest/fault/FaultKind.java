package thesiswatch.ingest.fault;

import java.util.Locale;

/**
 * The closed set of reasons a feed can fail, each with a stable key that logs, metrics, feed health
 * and {@code thesiswatch parse} show. Keys are contracts: add kinds, never rename them.
 */
public enum FaultKind {
  /** The feed URL is malformed or has a scheme other than http, https or file. */
  BAD_URL,
  /**
   * The URL (or a redirect hop) resolves to a loopback, private, link-local or metadata address.
   */
  BLOCKED_ADDRESS,
  /** No answer, or not the whole body, within the fetch deadline. */
  TIMEOUT,
  /** The body (after decompression) is larger than the cap. */
  TOO_LARGE,
  /** More redirects than the hop limit, or a redirect without a usable Location. */
  TOO_MANY_REDIRECTS,
  /** HTTP 404. */
  HTTP_404,
  /** HTTP 410: the feed is gone and is disabled. */
  HTTP_410,
  /** HTTP 429: rate limited. */
  HTTP_429,
  /** HTTP 503: unavailable. */
  HTTP_503,
  /** Any other non-2xx status. */
  HTTP_ERROR,
  /** Certificate or TLS handshake failure. */
  TLS_ERROR,
  /** Connection refused or reset, DNS failure, body cut short, unreadable file. */
  IO_ERROR,
  /**
   * A bug or a JVM error (e.g. {@code StackOverflowError}) while handling this feed: the feed is
   * retried with backoff like any failing feed, and the log has the stack trace.
   */
  INTERNAL_ERROR,
  /** An unsupported Content-Encoding, or a compressed body that does not decompress. */
  BAD_ENCODING,
  /** The body is empty. */
  EMPTY,
  /** The body is a web page or other document, not a feed. */
  NOT_A_FEED,
  /** The feed declares a DOCTYPE, which is refused (XXE and entity-expansion attacks). */
  DOCTYPE_REFUSED,
  /** The XML (or JSON) is malformed, e.g. truncated. */
  INVALID_XML,
  /**
   * The document nests elements (or JSON values) deeper than the parser's limit: refused whole,
   * before any recursive step could overflow the stack.
   */
  TOO_DEEP;

  /** The stable key, e.g. {@code too_large}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
