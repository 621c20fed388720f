package thesiswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * A DOCTYPE's internal subset: plain-text entities are expanded and the feed read; XHTML's entity
 * sets are named, never fetched; anything else refuses the document before any parser sees it.
 */
class InternalSubsetTest {

  private static final Instant FETCHED = Instant.parse("2026-01-01T00:00:00Z");

  private static ParsedFeed parse(String subset, String channel) throws FeedFault {
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
            + subset
            + "\n]>\n<rss version=\"2.0\"><channel><title>t</title>"
            + channel
            + "</channel></rss>";
    return new FeedParser(FeedParser.DEFAULT_MAX_ENTRIES)
        .parse(
            xml.getBytes(StandardCharsets.UTF_8),
            "text/xml",
            "https://feeds.example.org/feed.xml",
            null,
            FETCHED);
  }

  private static FeedEntry first(ParsedFeed feed) {
    return feed.entries().get(0);
  }

  @Test
  void plainTextEntitiesAreExpandedInTextAndAttributesButNotInCdata() throws FeedFault {
    ParsedFeed feed =
        parse(
            "<!-- the site's own names -->\n"
                + "<!ENTITY id \"tag:example.com,\">\n"
                + "<!ENTITY co 'Example \"Co\"'>\n"
                + "<!ENTITY nbsp \"&#160;\">",
            "<item><guid isPermaLink='false'>&id;2006-05-04:/blog/</guid>"
                + "<title>&co; cuts&nbsp;jobs</title>"
                + "<link>https://example.com/a?src=&co;</link>"
                + "<description><![CDATA[literal &id; stays]]></description></item>");
    FeedEntry entry = first(feed);
    assertThat(entry.guid()).isEqualTo("tag:example.com,2006-05-04:/blog/");
    assertThat(entry.title()).isEqualTo("Example \"Co\" cuts jobs");
    assertThat(entry.summary()).isEqualTo("literal &id; stays");
  }

  @Test
  void xhtmlEntitySetsAreNamedNotFetchedAndTheirEntitiesRead() throws FeedFault {
    ParsedFeed feed =
        parse(
            "<!ENTITY % HTMLlat1 PUBLIC \"-//W3C//ENTITIES Latin 1 for XHTML//EN\"\n"
                + " \"http://127.0.0.1:1/xhtml-lat1.ent\">\n%HTMLlat1;",
            "<item><title>Caf&eacute; chain shuts</title></item>");
    assertThat(first(feed).title()).isEqualTo("Café chain shuts");
  }

  @Test
  void everyOtherDeclarationRefusesTheDocument() {
    String[] subsets = {
      // XXE: an external entity
      "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">",
      // expansion attacks: an entity made of other entities
      "<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">",
      // a parameter entity that is not one of XHTML's entity sets
      "<!ENTITY % remote SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %remote;",
      "<!ENTITY % p \"<!ENTITY x 'y'>\"> %p;",
      // markup in an entity's text
      "<!ENTITY tag \"<b>bold</b>\">",
      // declarations of anything else
      "<!ELEMENT rss ANY>",
      "<!ATTLIST rss version CDATA #FIXED \"2.0\">",
    };
    for (String subset : subsets) {
      assertThatThrownBy(() -> parse(subset, "<item><title>&xxe;&lol2;&x;&tag;</title></item>"))
          .as(subset)
          .isInstanceOfSatisfying(
              FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.DOCTYPE_REFUSED));
    }
  }

  @Test
  void aSubsetThatNeverClosesOrExpandsTooFarIsRefused() {
    assertThatThrownBy(
            () ->
                new FeedParser(FeedParser.DEFAULT_MAX_ENTRIES)
                    .parse(
                        "<!DOCTYPE rss [ <!ENTITY a \"b\"> <rss/>".getBytes(StandardCharsets.UTF_8),
                        "text/xml",
                        null,
                        null,
                        FETCHED))
        .isInstanceOfSatisfying(
            FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.DOCTYPE_REFUSED));
    String big = "x".repeat(InternalSubset.MAX_VALUE);
    String references =
        "&big;".repeat(InternalSubset.MAX_GROWTH / (InternalSubset.MAX_VALUE - 100));
    assertThatThrownBy(
            () ->
                parse(
                    "<!ENTITY big \"" + big + "\">",
                    "<item><title>" + references + "</title></item>"))
        .isInstanceOfSatisfying(
            FeedFault.class,
            f -> {
              assertThat(f.kind()).isEqualTo(FaultKind.DOCTYPE_REFUSED);
              assertThat(f.getMessage()).contains("expand the document by more than");
            });
  }
}
