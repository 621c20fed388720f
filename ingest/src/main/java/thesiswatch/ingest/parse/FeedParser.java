package thesiswatch.ingest.parse;

import java.time.Instant;
import thesiswatch.ingest.fault.FeedFault;

/**
 * The pure parsing core: feed bytes in, normalised {@link FeedEntry entries} out, or a classified
 * {@link FeedFault}. Decodes the bytes ({@link Decoding}), then hands the text to the parser of
 * its format: JSON Feed 1.0/1.1 ({@link JsonFeedParser}, through Jackson) when it starts with
 * {@code {}, else RSS 0.9x/1.0/2.0, Atom and RDF ({@link XmlFeedParser}, through ROME). Knows
 * nothing of HTTP or Kafka.
 */
public final class FeedParser {

  /** Entries kept per feed, first in document order (feeds list newest first). */
  public static final int DEFAULT_MAX_ENTRIES = 500;

  /** Longest title kept, in characters. */
  public static final int MAX_TITLE_CHARS = Entries.MAX_TITLE_CHARS;

  /** Longest summary kept, in characters: enough to classify, small enough for one Kafka record. */
  public static final int MAX_SUMMARY_CHARS = Entries.MAX_SUMMARY_CHARS;

  /** Longest link kept, in characters; a longer one is dropped (a cut link is a wrong link). */
  public static final int MAX_LINK_CHARS = Entries.MAX_LINK_CHARS;

  /** Longest guid kept as written; a longer one becomes {@code sha256:} and its digest. */
  public static final int MAX_GUID_CHARS = Entries.MAX_GUID_CHARS;

  /** Deepest nesting of XML elements (or JSON values) read; deeper is {@code too_deep}. */
  public static final int MAX_DEPTH = XmlDocuments.MAX_DEPTH;

  private final XmlFeedParser xml;
  private final JsonFeedParser json;

  /** A parser keeping at most {@code maxEntries} entries per feed. */
  public FeedParser(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("max entries must be positive: " + maxEntries);
    }
    this.xml = new XmlFeedParser(maxEntries);
    this.json = new JsonFeedParser(maxEntries);
  }

  /**
   * Parses one fetched document.
   *
   * @param body the raw (decompressed) bytes
   * @param contentType the HTTP {@code Content-Type}, or null
   * @param baseUrl the URL the bytes came from, the base for relative links
   * @param langHint the feed list's language for this feed, or null
   * @param fetched the fetch time: later published times are clamped to it
   * @throws FeedFault {@code empty}, {@code not_a_feed}, {@code doctype_refused}, {@code too_deep}
   *     or {@code invalid_xml}; never another exception for bad input
   */
  public ParsedFeed parse(
      byte[] body, String contentType, String baseUrl, String langHint, Instant fetched)
      throws FeedFault {
    String text = Decoding.decode(body, contentType);
    String start = text.stripLeading();
    if (start.startsWith("{")) {
      return json.parse(start, baseUrl, langHint, fetched);
    }
    return xml.parse(text, baseUrl, langHint, fetched);
  }
}
