package thesiswatch.backfill.warc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import thesiswatch.backfill.ItemArticles;
import thesiswatch.backfill.RawItem;
import thesiswatch.backfill.file.Format;
import thesiswatch.backfill.file.Input;
import thesiswatch.backfill.file.Records;
import thesiswatch.backfill.run.Outcome;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillOrigin;
import thesiswatch.ingest.FeedPoller;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.parse.FeedParser;
import thesiswatch.ingest.parse.ParsedFeed;

/**
 * WARC files (the format of Common Crawl's CC-NEWS), read with jwarc, gzipped or not: each {@code
 * response} record of an HTML page becomes an article from the page's metadata ({@link
 * PageMetadata}), each response that is a feed goes through ingest's feed parser; other records
 * (requests, metadata, images, redirects) are not news and are passed over. A record cut short or
 * malformed ends its file as {@code invalid_warc}.
 */
public final class WarcFiles implements Format {

  /** The source kind. */
  public static final String KIND = "warc";

  private final ItemArticles articles;
  private final FeedParser feeds;
  private final long maxBodyBytes;
  private final Clock clock;

  /**
   * WARC files whose pages become articles by {@code articles} and whose feeds by {@code feeds}; a
   * payload is read up to {@code maxBodyBytes} (ingest's body cap).
   */
  public WarcFiles(ItemArticles articles, FeedParser feeds, long maxBodyBytes, Clock clock) {
    this.articles = articles;
    this.feeds = feeds;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Records open(Input input) throws IOException {
    InputStream in = input.open();
    WarcReader reader;
    try {
      reader = new WarcReader(in);
    } catch (IOException | IllegalArgumentException e) {
      in.close();
      return Records.unreadable("invalid_warc");
    }
    return new Records() {
      private boolean broken;

      @Override
      public Record next() {
        if (broken) {
          return null;
        }
        Optional<WarcRecord> next;
        try {
          next = reader.next();
        } catch (IOException | RuntimeException e) {
          broken = true;
          return Records.problem("invalid_warc", null);
        }
        if (next.isEmpty()) {
          return null;
        }
        WarcRecord record = next.get();
        Instant date;
        try {
          date = record.date();
        } catch (RuntimeException e) {
          date = null;
        }
        Instant captured = date;
        if (!(record instanceof WarcResponse response)) {
          return Records.of(captured, Outcome::nothing);
        }
        Payload payload;
        try {
          payload = payload(response);
        } catch (IOException | RuntimeException e) {
          // The WARC record's own length still frames it, so the reader moves on to the next one;
          // only a record the reader itself cannot read ends the file.
          return Records.problem("invalid_http", captured);
        }
        if (payload == null) {
          return Records.of(captured, Outcome::nothing);
        }
        // Only the bytes are read now (the reader moves on); pages are parsed when the step runs.
        return Records.of(captured, () -> articles(payload, captured, input.name()));
      }

      @Override
      public void close() {
        try {
          reader.close();
        } catch (IOException e) {
          // nothing was written; a failed close loses nothing
        }
      }
    };
  }

  /** A response's payload worth reading: an HTML page or a feed. */
  private record Payload(String target, MediaType type, boolean html, byte[] body) {}

  /** The payload of {@code response}, read now, before the reader moves on; null when not news. */
  private Payload payload(WarcResponse response) throws IOException {
    if (!response.contentType().base().equals(MediaType.HTTP.base())
        || response.http().status() != 200) {
      return null;
    }
    MediaType type = response.http().contentType();
    String subtype = type.subtype().toLowerCase(Locale.ROOT);
    boolean html = subtype.equals("html") || subtype.equals("xhtml+xml");
    boolean feed =
        subtype.contains("rss")
            || subtype.contains("atom")
            || subtype.equals("xml")
            || subtype.equals("feed+json");
    if (!html && !feed) {
      return null;
    }
    try (InputStream in = response.http().bodyDecoded().stream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      return new Payload(response.target(), type, html, body);
    }
  }

  /** The articles of {@code payload}, or why it has none. */
  private Outcome articles(Payload payload, Instant captured, String file) {
    if (payload.body().length > maxBodyBytes) {
      return Outcome.problem("too_large");
    }
    Instant when = captured != null ? captured : clock.instant();
    BackfillOrigin origin = new BackfillOrigin(KIND, file, captured);
    List<Article> found = new ArrayList<>();
    try {
      if (payload.html()) {
        Object read =
            PageMetadata.read(
                new String(payload.body(), charset(payload.type())), payload.target());
        if (read instanceof PageMetadata.Refusal refusal) {
          return Outcome.problem(refusal.kind());
        }
        found.addAll(articles.articles((RawItem) read, when));
      } else {
        ParsedFeed parsed =
            feeds.parse(payload.body(), payload.type().toString(), payload.target(), null, when);
        found.addAll(
            FeedPoller.articles(FeedSpec.of(payload.target(), null), parsed, clock.instant()));
      }
    } catch (FeedFault fault) {
      return Outcome.problem(fault.kind().key());
    }
    if (found.isEmpty()) {
      return Outcome.problem("missing_title");
    }
    return Outcome.of(found.stream().map(a -> a.backfilled(origin)).toList());
  }

  private static Charset charset(MediaType type) {
    String name = type.parameters().get("charset");
    if (name != null) {
      try {
        return Charset.forName(name.strip());
      } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
        // fall through to UTF-8
      }
    }
    return StandardCharsets.UTF_8;
  }
}
