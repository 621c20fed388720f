package thesiswatch.ingest;

import java.time.Instant;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.fetch.FetchResult;
import thesiswatch.ingest.fetch.Fetcher;
import thesiswatch.ingest.fetch.SsrfGuard;
import thesiswatch.ingest.parse.FeedParser;
import thesiswatch.ingest.parse.ParsedFeed;

/**
 * Fetch then parse, the one code path the service and {@code thesiswatch parse} share.
 */
public final class FeedReader {

  /**
   * One read.
   *
   * @param fetch what the server answered
   * @param feed the parsed feed, or null when the server said it is unchanged
   * @param fetched when it was fetched
   */
  public record Result(FetchResult fetch, ParsedFeed feed, Instant fetched) {}

  private final Fetcher fetcher;
  private final FeedParser parser;

  /** A reader with the limits and SSRF allow-list of {@code config}. */
  public FeedReader(IngestConfig config) {
    this.fetcher = new Fetcher(config.fetchLimits(), new SsrfGuard(config.allowPrivate()));
    this.parser = new FeedParser(config.maxEntries());
  }

  /**
   * Fetches and parses {@code url}.
   *
   * @param langHint the feed list's language, or null
   * @param etag the previous ETag, or null
   * @param lastModified the previous Last-Modified, or null
   * @throws FeedFault classified; nothing else for bad input
   */
  public Result read(String url, String langHint, String etag, String lastModified) throws FeedFault {
    FetchResult fetch = fetcher.fetch(url, etag, lastModified);
    Instant fetched = Instant.now();
    if (fetch.notModified()) {
      return new Result(fetch, null, fetched);
    }
    return new Result(fetch, parser.parse(fetch.body(), fetch.contentType(), fetch.finalUrl(), langHint, fetched),
        fetched);
  }
}
