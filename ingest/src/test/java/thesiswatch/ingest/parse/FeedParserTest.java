package thesiswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import thesiswatch.common.ArticleIds;
import thesiswatch.ingest.LoopbackFeedServer;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * The P and E rows of the reliability catalogue: each hostile or broken feed and what ingest makes
 * of it.
 */
class FeedParserTest {

  static final Instant FETCHED = Instant.parse("2026-01-01T00:00:00Z");
  static final String BASE = "https://feeds.example.org/path/feed.xml";
  final FeedParser parser = new FeedParser(FeedParser.DEFAULT_MAX_ENTRIES);

  ParsedFeed parse(String fixture, String contentType) throws FeedFault {
    return parser.parse(
        LoopbackFeedServer.resource("parse/" + fixture), contentType, BASE, null, FETCHED);
  }

  List<String> titles(ParsedFeed feed) {
    return feed.entries().stream().map(FeedEntry::title).toList();
  }

  @Test
  void gbkAndBig5AreDecodedFromTheProlog() throws FeedFault {
    ParsedFeed gbk = parse("gbk.rss.xml", "text/xml");
    assertThat(gbk.feed().title()).isEqualTo("财经");
    assertThat(titles(gbk)).containsExactly("创业公司融资遇冷");
    assertThat(gbk.entries().get(0).summary()).isEqualTo("投资人只看项目不投资");
    assertThat(gbk.entries().get(0).lang()).isEqualTo("zh");
    assertThat(titles(parse("big5.rss.xml", "application/rss+xml"))).containsExactly("外送員抗議演算法");
  }

  @Test
  void textXmlWithoutCharsetIsUtf8NotAscii() throws FeedFault {
    assertThat(titles(parse("utf8-no-prolog.rss.xml", "text/xml"))).containsExactly("一人公司兴起");
  }

  @Test
  void prologBeatsAWrongHttpCharset() throws FeedFault {
    ParsedFeed feed = parse("latin1-prolog.rss.xml", "text/xml; charset=utf-8");
    assertThat(feed.feed().title()).isEqualTo("Café");
    assertThat(titles(feed)).containsExactly("Résumé of layoffs");
  }

  @Test
  void byteOrderMarkCommentsAndJunkBeforeThePrologAreSkipped() throws FeedFault {
    assertThat(titles(parse("bom-junk.rss.xml", null))).containsExactly("Behind a byte-order mark");
    assertThat(titles(parse("php-warning.rss.xml", null))).containsExactly("After a PHP warning");
  }

  @Test
  void invalidXmlCharactersAreStrippedInsteadOfLosingTheFeed() throws FeedFault {
    assertThat(titles(parse("control-chars.rss.xml", null))).containsExactly("Backspace and null");
  }

  @Test
  void htmlEntitiesAndStrayAmpersandsAreHealed() throws FeedFault {
    assertThat(titles(parse("html-entities.rss.xml", null)))
        .containsExactly(
            "Café workers strike — AT&T & Co"); // jsoup's plain text turns &nbsp; into a space
  }

  @Test
  void truncatedXmlIsInvalidAndNothingIsPublishedFromIt() {
    assertThatThrownBy(() -> parse("truncated.rss.xml", null))
        .isInstanceOfSatisfying(
            FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.INVALID_XML));
  }

  @Test
  void aDocumentEndingInItsRootEndTagWithoutTheClosingBracketIsReadWhole() throws FeedFault {
    String complete =
        "<rss version=\"2.0\"><channel><title>t</title><item><title>First</title></item>"
            + "<item><title>Second</title></item></channel></rss";
    assertThat(titles(parseText(complete + "\n"))).containsExactly("First", "Second");
    // Cut one character earlier, the end tag's name is not all there: refused, as any cut.
    assertThatThrownBy(() -> parseText(complete.substring(0, complete.length() - 1)))
        .isInstanceOfSatisfying(
            FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.INVALID_XML));
    assertThatThrownBy(() -> parseText(complete.replace("</channel></rss", "</channel></r")))
        .isInstanceOfSatisfying(
            FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.INVALID_XML));
  }

  @Test
  void aCdfChannelIsReadAsTheRssItAmountsTo() throws FeedFault {
    ParsedFeed feed =
        parseText(
            "<CHANNEL HREF=\"https://example.org/\"><TITLE>Example feed</TITLE>"
                + "<ITEM HREF=\"https://example.org/1\" LASTMOD=\"2004-04-06T23:05:43-05:00\">"
                + "<TITLE>First</TITLE><ABSTRACT>Its abstract</ABSTRACT></ITEM>"
                + "<CHANNEL><item href=\"https://example.org/2\"><title>Nested</title></item>"
                + "</CHANNEL></CHANNEL>");
    assertThat(feed.feed().title()).isEqualTo("Example feed");
    // Its format is CDF, not the RSS it was read as.
    assertThat(feed.feed().format()).isEqualTo("cdf");
    assertThat(titles(feed)).containsExactly("First", "Nested");
    FeedEntry first = feed.entries().get(0);
    assertThat(first.link()).isEqualTo("https://example.org/1");
    assertThat(first.summary()).isEqualTo("Its abstract");
    assertThat(first.published()).isEqualTo(Instant.parse("2004-04-07T04:05:43Z"));
    assertThat(feed.entries().get(1).link()).isEqualTo("https://example.org/2");
  }

  private ParsedFeed parseText(String xml) throws FeedFault {
    return parser.parse(
        xml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/xml", BASE, null, FETCHED);
  }

  @Test
  void doctypesWithEntitiesAreRefusedBeforeAnyExpansion() {
    for (String fixture : List.of("xxe.rss.xml", "billion-laughs.rss.xml")) {
      assertThatThrownBy(() -> parse(fixture, null))
          .as(fixture)
          .isInstanceOfSatisfying(
              FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.DOCTYPE_REFUSED));
    }
  }

  @Test
  void aDoctypeThatOnlyNamesTheNetscapeDtdIsDroppedAndTheFeedRead() throws FeedFault {
    assertThat(titles(parse("netscape-091.rss.xml", null))).containsExactly("An RSS 0.91 item");
  }

  @Test
  void pagesAndOtherDocumentsAreNotFeeds() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    LoopbackFeedServer.resource("not-a-feed.html"),
                    "text/html",
                    BASE,
                    null,
                    FETCHED))
        .isInstanceOfSatisfying(
            FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.NOT_A_FEED));
    for (String fixture : List.of("unknown-root.xml", "not-a-feed.json")) {
      assertThatThrownBy(() -> parse(fixture, null))
          .as(fixture)
          .isInstanceOfSatisfying(
              FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.NOT_A_FEED));
    }
    assertThatThrownBy(() -> parse("empty.xml", null))
        .isInstanceOfSatisfying(
            FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.EMPTY));
    // An XHTML DOCTYPE makes a page of a document without a feed's root element.
    assertThatThrownBy(
            () ->
                parseText(
                    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x.dtd\">"
                        + "<body><p>Moved</p></body>"))
        .isInstanceOfSatisfying(
            FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.NOT_A_FEED));
  }

  @Test
  void theFeedsOwnTitleAndLanguageAreFoundWhereverItsFormatPutsThem() throws FeedFault {
    // Behind an XHTML DOCTYPE, an RSS document is still a feed (it was not_a_feed).
    assertThat(
            parseText(
                    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x.dtd\">"
                        + "<rss><channel><title>Found</title></channel></rss>")
                .feed()
                .title())
        .isEqualTo("Found");
    // The drafts that became Atom 0.3 (Echo, Necho, Pie) are read as Atom 0.3.
    for (String draft : List.of("http://purl.org/echo/", "http://purl.org/pie/")) {
      ParsedFeed feed =
          parseText(
              "<feed version=\"0.3\" xmlns=\""
                  + draft
                  + "\"><title>Example Atom</title>"
                  + "<entry><title>First</title></entry></feed>");
      assertThat(feed.feed().title()).as(draft).isEqualTo("Example Atom");
      assertThat(titles(feed)).as(draft).containsExactly("First");
    }
    // A channel with Dublin Core's title and language only.
    ParsedFeed dublinCore =
        parseText(
            "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                + "<dc:title>Example title</dc:title><dc:language>zh-CN</dc:language>"
                + "</channel></rss>");
    assertThat(dublinCore.feed().title()).isEqualTo("Example title");
    assertThat(dublinCore.feed().lang()).isEqualTo("zh");
    // A base64 title is decoded, as an entry's is.
    assertThat(
            parseText(
                    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title"
                        + " type=\"application/octet-stream\">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>"
                        + "</feed>")
                .feed()
                .title())
        .isEqualTo("Example Atom");
  }

  @Test
  void duplicateGuidsCountOnceAndMissingGuidsFallBackToLinkThenTitleAndDate() throws FeedFault {
    ParsedFeed feed = parse("guids.rss.xml", null);
    assertThat(titles(feed))
        .containsExactly(
            "First copy",
            "No guid, has link",
            "Neither guid nor link",
            "Only a description, which becomes the title when it is the only text there is");
    List<FeedEntry> entries = feed.entries();
    assertThat(entries.get(0).id()).isEqualTo(ArticleIds.idFor(null, "dup-1", "First copy", ""));
    assertThat(entries.get(1).guid()).isNull();
    assertThat(entries.get(1).id())
        .isEqualTo(ArticleIds.idFor("https://example.org/no-guid", null, null, null));
    assertThat(entries.get(2).id())
        .isEqualTo(
            ArticleIds.idFor(null, null, "Neither guid nor link", "Mon, 03 Mar 2025 09:30:00 GMT"));
    // Stable: the same bytes give the same ids.
    assertThat(parse("guids.rss.xml", null).entries())
        .extracting(FeedEntry::id)
        .containsExactlyElementsOf(entries.stream().map(FeedEntry::id).toList());
  }

  @Test
  void datesAreStrictClampedAndReadInTheFeedsZone() throws FeedFault {
    List<FeedEntry> entries = parse("dates.rss.xml", null).entries();
    assertThat(entries)
        .extracting(FeedEntry::published)
        .containsExactly(
            FETCHED, // 2100: clamped to the fetch time
            null, // 31 Feb: rejected, not rolled over to 2 Mar
            null, // month 13: rejected
            null, // 1990: absurd for a news item
            Instant.parse("2025-03-01T02:00:00Z"), // zone-less, Chinese feed: Asia/Shanghai
            Instant.parse("2025-03-01T02:00:00Z"), // CST in a Chinese feed: China Standard Time
            Instant.parse("2025-03-01T02:00:00Z"), // 2025年03月01日 10:00
            Instant.parse("2025-03-01T02:00:00Z"));
    assertThat(parse("cst-en.rss.xml", null).entries().get(0).published())
        .isEqualTo(Instant.parse("2025-03-01T16:00:00Z")); // CST in an English feed: US Central
  }

  @Test
  void titlesAndSummariesArePlainTextAndOnlyHttpLinksSurvive() throws FeedFault {
    ParsedFeed feed = parse("hostile.rss.xml", null);
    assertThat(feed.feed().title()).isEqualTo("Hostile");
    FeedEntry hostile = feed.entries().get(0);
    assertThat(hostile.title()).isEqualTo("Layoffs at BigCo");
    assertThat(hostile.summary()).isEqualTo("Body text");
    assertThat(hostile.link()).isNull();
    assertThat(feed.entries().get(1).link()).isNull();
    assertThat(feed.entries().get(2).link())
        .isEqualTo("https://feeds.example.org/news/relative?id=7");
  }

  @Test
  void jsonFeedIsParsed() throws FeedFault {
    ParsedFeed feed = parse("feed.json", "application/feed+json");
    assertThat(feed.feed())
        .isEqualTo(new FeedInfo("JSON & News", "https://json.example.org/", "en", "json_1.1"));
    assertThat(feed.entries())
        .containsExactly(
            new FeedEntry(
                ArticleIds.idFor(
                    "https://json.example.org/1", "j1", "Startup funding dries up", ""),
                "j1",
                "Startup funding dries up",
                "https://json.example.org/1",
                "Seed rounds halved",
                Instant.parse("2025-03-02T07:00:00Z"),
                "en"),
            new FeedEntry(
                ArticleIds.idFor("https://json.example.org/2", "2", "Gig workers unionise", ""),
                "2",
                "Gig workers unionise",
                "https://json.example.org/2",
                "Riders vote.",
                null,
                "zh"));
  }

  @Test
  void entriesAreCappedPerFeed() throws FeedFault {
    ParsedFeed feed =
        new FeedParser(2)
            .parse(LoopbackFeedServer.resource("tech-news.rss.xml"), null, BASE, null, FETCHED);
    assertThat(feed.entries()).hasSize(2);
  }

  @ParameterizedTest(name = "{0} in {1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Mon, 03 Mar 2025 09:30:00 GMT|UTC|2025-03-03T09:30:00Z",
        "3 Mar 2025 09:30 EST|UTC|2025-03-03T14:30:00Z",
        "2025-03-03T09:30:00.123+05:30|UTC|2025-03-03T04:00:00Z",
        "2025-03-03|Asia/Shanghai|2025-03-02T16:00:00Z",
        "Mon, 03 Mar 25 09:30:00 +0000|UTC|2025-03-03T09:30:00Z",
        "2025/3/3 9:30|Asia/Shanghai|2025-03-03T01:30:00Z"
      })
  void readsTheDateFormatsFeedsUse(String raw, String zone, String expected) {
    Dates.Result result = Dates.parse(raw, java.time.ZoneId.of(zone));
    assertThat(result.verdict()).isEqualTo(Dates.Verdict.PARSED);
    assertThat(result.instant()).isEqualTo(Instant.parse(expected));
  }
}
