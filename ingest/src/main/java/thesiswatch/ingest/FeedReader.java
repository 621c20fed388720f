package thesiswatch.ingest;

import java.time.Clock;
import java.time.Instant;
import thesiswatch.common.AddressGuard;
import thesiswatch.common.Hashes;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.fetch.FetchResult;
import thesiswatch.ingest.fetch.Fetcher;
import thesiswatch.ingest.parse.FeedParser;
import thesiswatch.ingest.parse.ParsedFeed;

/** Fetch then parse, the one code path the service and {@code thesiswatch parse} share. */
public final class FeedReader implements AutoCloseable {

  /**
   * One read.
   *
   * @param fetch what the server answered
   * @param feed the parsed feed, or null when it is unchanged (HTTP 304, or the same body as
   *     before)
   * @param fetched when it was fetched
   * @param digest SHA-256 of the body (hex), or null for HTTP 304
   */
  public record Result(FetchResult fetch, ParsedFeed feed, Instant fetched, String digest) {}

  private final Fetcher fetcher;
  private final FeedParser parser;
  private final Clock clock;

  /** The setting that exempts hosts from the address guard, named in its refusals. */
  public static final String ALLOW_PRIVATE_SETTING = "INGEST_ALLOW_PRIVATE";

  /** A reader with the limits and address-guard exemptions of {@code config}. */
  public FeedReader(IngestConfig config) {
    this(config, Clock.systemUTC());
  }

  /** A reader that takes the fetch time from {@code clock}. */
  public FeedReader(IngestConfig config, Clock clock) {
    this.fetcher =
        new Fetcher(
            config.fetchLimits(), new AddressGuard(config.allowPrivate(), ALLOW_PRIVATE_SETTING));
    this.parser = new FeedParser(config.maxEntries());
    this.clock = clock;
  }

  /**
   * Fetches {@code url} with this reader's fetcher — the same address guard, body cap and deadline
   * as every feed — and parses nothing: for callers whose bytes are not the feed at {@code url} (an
   * archive's listing, or its copy of a feed, whose links resolve against the original address).
   *
   * @throws FeedFault classified; nothing else for bad input
   */
  public FetchResult fetch(String url) throws FeedFault {
    return fetcher.fetch(url, null, null);
  }

  /**
   * Fetches and parses {@code url}.
   *
   * @param langHint the feed list's language, or null
   * @param etag the previous ETag, or null
   * @param lastModified the previous Last-Modified, or null
   * @param previousDigest the previous body's digest, or null: the same body again is not parsed
   *     (for servers that ignore the validators)
   * @throws FeedFault classified; nothing else for bad input
   */
  public Result read(
      String url, String langHint, String etag, String lastModified, String previousDigest)
      throws FeedFault {
    FetchResult fetch = fetcher.fetch(url, etag, lastModified);
    Instant fetched = clock.instant();
    if (fetch.notModified()) {
      return new Result(fetch, null, fetched, null);
    }
    String digest = Hashes.sha256Hex(fetch.body());
    if (digest.equals(previousDigest)) {
      return new Result(fetch, null, fetched, digest);
    }
    return new Result(
        fetch,
        parser.parse(fetch.body(), fetch.contentType(), fetch.finalUrl(), langHint, fetched),
        fetched,
        digest);
  }

  /** Closes the HTTP client's connections. */
  @Override
  public void close() {
    fetcher.close();
  }
}
