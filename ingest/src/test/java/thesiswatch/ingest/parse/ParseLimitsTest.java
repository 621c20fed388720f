package thesiswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import thesiswatch.common.Article;
import thesiswatch.common.ArticleIds;
import thesiswatch.common.Hashes;
import thesiswatch.common.Json;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Issue 12, the parser's part: no nesting and no field a feed sends can overflow the stack or make
 * an article record large.
 */
class ParseLimitsTest {

  static final Instant FETCHED = Instant.parse("2026-01-01T00:00:00Z");
  static final String BASE = "https://feeds.example.org/feed.xml";
  static final int TWO_MB = 2 * 1024 * 1024;

  static ParsedFeed parse(String document) throws FeedFault {
    return new FeedParser(FeedParser.DEFAULT_MAX_ENTRIES)
        .parse(document.getBytes(StandardCharsets.UTF_8), null, BASE, null, FETCHED);
  }

  static String rss(String item) {
    return "<rss version=\"2.0\"><channel><title>t</title><item>"
        + item
        + "</item></channel></rss>";
  }

  static String xhtml(String inner) {
    return "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + inner + "</div>";
  }

  static String nested(String tag, int depth, String inner) {
    return ("<" + tag + ">").repeat(depth) + inner + ("</" + tag + ">").repeat(depth);
  }

  @Test
  void aDescriptionNesting100000ElementsIsTooDeepAndNothingOverflows() {
    String feed =
        rss("<title>Deep</title><description>" + nested("d", 100_000, "x") + "</description>");
    assertThatThrownBy(() -> parse(feed))
        .isInstanceOfSatisfying(
            FeedFault.class,
            fault -> {
              assertThat(fault.kind()).isEqualTo(FaultKind.TOO_DEEP);
              assertThat(fault.kind().key()).isEqualTo("too_deep");
              assertThat(fault.getMessage())
                  .isEqualTo("parse: elements nest deeper than 256 levels");
            });
  }

  @Test
  void htmlNesting100000ElementsInsideCdataIsReadWithoutRecursion() throws FeedFault {
    // Escaped HTML is text to the XML parser and goes to jsoup, whose tree builder keeps its own
    // stack. A summary reads at most 32 times its cap of HTML, so the words come first here.
    ParsedFeed feed =
        parse(
            rss(
                "<title>Deep HTML</title><description><![CDATA[<p>deep words</p>"
                    + nested("div", 100_000, "")
                    + "]]></description>"));
    assertThat(feed.entries())
        .singleElement()
        .extracting(FeedEntry::summary)
        .isEqualTo("deep words");
    // Read whole, 100,000 levels of HTML still come out as their text.
    assertThat(Text.fromHtml(nested("div", 100_000, "deep words"), 100_000))
        .isEqualTo("deep words");
    assertThat(Text.fromHtml(nested("b", 100_000, "bold words"), 100_000)).isEqualTo("bold words");
  }

  @Test
  void markupAtTheDepthLimitIsSerialisedOnASmallStackAndOneLevelMoreIsRefused() throws Exception {
    // feed, entry, content, then XHTML nested to exactly the limit: JDOM's serialiser and ROME
    // recurse once per level, on a thread with half the default stack.
    String atom =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Nested</title><id>urn:n</id>"
            + "<content type=\"xhtml\">%s</content></entry></feed>";
    String atLimit = atom.formatted(xhtml(nested("b", FeedParser.MAX_DEPTH - 4, "bold")));
    AtomicReference<Object> result = new AtomicReference<>();
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                result.set(parse(atLimit));
              } catch (Throwable e) {
                result.set(e);
              }
            },
            "small-stack-parse",
            512 * 1024);
    small.start();
    small.join();
    assertThat(result.get()).isInstanceOf(ParsedFeed.class);
    assertThat(((ParsedFeed) result.get()).entries().get(0).summary()).isEqualTo("bold");

    String overLimit = atom.formatted(xhtml(nested("b", FeedParser.MAX_DEPTH - 3, "bold")));
    assertThatThrownBy(() -> parse(overLimit))
        .isInstanceOfSatisfying(
            FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.TOO_DEEP));
  }

  @Test
  void jsonNesting100000ArraysIsTooDeep() {
    String json =
        "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"title\":\"t\",\"x\":"
            + "[".repeat(100_000)
            + "]".repeat(100_000)
            + "}]}";
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(
            FeedFault.class,
            fault -> {
              assertThat(fault.kind()).isEqualTo(FaultKind.TOO_DEEP);
              assertThat(fault.getMessage())
                  .isEqualTo("parse: JSON values nest deeper than 256 levels");
            });
  }

  @Test
  void aTwoMegabyteGuidIsReplacedByItsDigestWhichStillIdentifiesTheEntry() throws FeedFault {
    String guid = "g".repeat(TWO_MB);
    String feed = rss("<title>Long guid</title><guid isPermaLink=\"false\">" + guid + "</guid>");
    FeedEntry entry = parse(feed).entries().get(0);
    String digest = "sha256:" + Hashes.sha256Hex(guid.getBytes(StandardCharsets.UTF_8));
    assertThat(entry.guid()).isEqualTo(digest).hasSize(71);
    assertThat(entry.id()).isEqualTo(ArticleIds.idFor(null, digest, null, null));
    assertThat(parse(feed).entries().get(0).id()).isEqualTo(entry.id()); // the same on every poll
    // At the cap a guid is kept as written.
    String longest = "h".repeat(FeedParser.MAX_GUID_CHARS);
    assertThat(parse(rss("<title>t</title><guid>" + longest + "</guid>")).entries().get(0).guid())
        .isEqualTo(longest);
  }

  @Test
  void aTwoMegabyteLinkIsDroppedNotCutIntoAWrongUrl() throws FeedFault {
    String link = "https://example.org/" + "a".repeat(TWO_MB);
    FeedEntry entry =
        parse(rss("<title>Long link</title><link>" + link + "</link>")).entries().get(0);
    assertThat(entry.link()).isNull();
    String longest = "https://example.org/" + "a".repeat(FeedParser.MAX_LINK_CHARS - 20);
    assertThat(parse(rss("<title>t</title><link>" + longest + "</link>")).entries().get(0).link())
        .isEqualTo(longest)
        .hasSize(FeedParser.MAX_LINK_CHARS);
    assertThat(parse(rss("<title>t</title><link>" + longest + "a</link>")).entries().get(0).link())
        .isNull();
  }

  @Test
  void noFieldAFeedSendsMakesAnArticleRecordLarge() throws FeedFault {
    String huge = "x".repeat(TWO_MB);
    String feed =
        "<rss version=\"2.0\"><channel><title>"
            + huge
            + "</title><language>"
            + huge
            + "</language><item><title>"
            + huge
            + "</title><description>"
            + huge
            + "</description><link>https://example.org/"
            + huge
            + "</link><guid>"
            + huge
            + "</guid><pubDate>"
            + huge
            + "</pubDate></item></channel></rss>";
    ParsedFeed parsed = parse(feed);
    Article article = parsed.entries().get(0).toArticle(FETCHED, BASE, parsed.feed().title());
    assertThat(article.title()).hasSize(FeedParser.MAX_TITLE_CHARS);
    assertThat(article.summary()).hasSize(FeedParser.MAX_SUMMARY_CHARS);
    assertThat(article.feedTitle()).hasSize(FeedParser.MAX_TITLE_CHARS);
    assertThat(article.guid()).startsWith("sha256:").hasSize(71);
    assertThat(article.link()).isNull();
    assertThat(article.published()).isNull();
    // Everything capped: the record is far below the broker's 1 MB default limit.
    assertThat(Json.bytes(article).length).isLessThan(16 * 1024);
  }
}
