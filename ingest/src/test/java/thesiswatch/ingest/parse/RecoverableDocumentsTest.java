package thesiswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Documents a strict XML parser refuses but whose meaning is plain are repaired and read, not
 * refused as {@code invalid_xml} or {@code not_a_feed}; a cut-off document still is.
 */
class RecoverableDocumentsTest {

  @Test
  void undeclaredNamespacePrefixesAreDeclaredWithTheirUsualNamespaces() throws FeedFault {
    // itunes:, content: and media: used without xmlns: declarations.
    assertThat(Feeds2.only("gofeed/testdata/extensions/itunes/itunes_item_summary_cdata_multi.xml"))
        .extracting(FeedEntry::summary)
        .isEqualTo("Line 1 Line 2 Line 3");
    assertThat(
            Feeds2.only(
                    "gofeed/testdata/extensions/media/feed_item_image_-_rss_channel_item_media.xml")
                .title())
        .isEqualTo("rss item image from media content");
    ParsedFeed itunes = Feeds2.parse("feedjira/spec/sample_feeds/itunes.xml");
    assertThat(itunes.entries())
        .extracting(FeedEntry::title)
        .containsExactly(
            "Shake Shake Shake Your Spices", "Socket Wrench Shootout", "Red, Whine, & Blue");
    assertThat(itunes.entries().get(0).summary())
        .isEqualTo(
            "This week we talk about salt and pepper shakers, comparing and contrasting pour"
                + " rates, construction materials, and overall aesthetics. Come and join the"
                + " party!");
  }

  @Test
  void anUndeclaredDublinCorePrefixGetsDublinCoresNamespaceSoItsTitleAndDateAreRead()
      throws FeedFault {
    String feed =
        "<rss version=\"2.0\"><channel><title>t</title><item>"
            + "<dc:title>Only in Dublin Core</dc:title><dc:date>2025-03-01T08:00:00+08:00</dc:date>"
            + "<link>https://example.org/dc</link></item></channel></rss>";
    FeedEntry entry =
        Feeds2.parse("inline.xml", feed.getBytes(StandardCharsets.UTF_8)).entries().get(0);
    assertThat(entry.title()).isEqualTo("Only in Dublin Core");
    assertThat(entry.published()).isEqualTo(java.time.Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(entry.link()).isEqualTo("https://example.org/dc");
  }

  @Test
  void aCommentBeforeTheXmlDeclarationIsNoError() throws FeedFault {
    assertThat(Feeds2.parse("rome/rome/src/test/resources/jira_issue1.xml").entries())
        .extracting(FeedEntry::title)
        .containsExactly("rss_2.0.channel.item[0].title", "rss_2.0.channel.item[1].title");
  }

  @Test
  void aStrayEndTagIsDropped() throws FeedFault {
    FeedEntry entry = Feeds2.only("miniflux/atom/TestParseEntryWithDuplicateEnclosureURL.xml");
    assertThat(entry.title()).isEqualTo("Atom 1.0");
    assertThat(entry.link()).isEqualTo("http://www.example.org/entries/1");
    // A root start tag left without its '>' is closed.
    assertThat(Feeds2.only("miniflux/rdf/TestParseFeedWithURLWrappedInSpaces.xml").title())
        .isEqualTo(
            "Microscale Collagen and Fibroblast Interactions Enhance Primary Human Hepatocyte"
                + " Functions in 3-Dimensional Models");
  }

  @Test
  void anAtomFeedWithoutItsNamespaceIsReadAsAtom() throws FeedFault {
    ParsedFeed feed = Feeds2.parse("feed-rs/feed-rs/fixture/atom/atom_example_1.xml");
    assertThat(feed.feed().format()).isEqualTo("atom_1.0");
    assertThat(feed.entries())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.title()).isEqualTo("Atom draft-07 snapshot");
              assertThat(entry.link()).isEqualTo("http://example.org/2005/04/02/atom");
              assertThat(entry.guid()).isEqualTo("tag:example.org,2003:3.2397");
            });
  }

  @Test
  void anAtomEntryDocumentIsAFeedOfOneEntry() throws FeedFault {
    FeedEntry entry = Feeds2.only("feed-rs/feed-rs/fixture/atom/atom_entry_1.xml");
    assertThat(entry.title()).isEqualTo("Specifications");
    assertThat(entry.guid()).isEqualTo("urn:uuid:988EF5C55CDEA24EDE1251744888912");
    assertThat(entry.summary())
        .isEqualTo(
            "This Atom Entry XML Doc publishes tech specifications of Nikon D300S Digital Camera");
  }

  @Test
  void textAfterTheRootElementIsDropped() throws FeedFault {
    String feed =
        "<rss version=\"2.0\"><channel><item><title>Kept</title></item></channel></rss>\n"
            + "<b>Warning</b>: mysql_close() in /var/www/feed.php on line 40";
    assertThat(Feeds2.parse("inline.xml", feed.getBytes(StandardCharsets.UTF_8)).entries())
        .extracting(FeedEntry::title)
        .containsExactly("Kept");
  }

  @Test
  void aTruncatedDocumentIsStillRefusedNotGuessedAt() {
    byte[] whole = Feeds2.bytes("miniflux/atom/TestParseEntryWithDuplicateEnclosureURL.xml");
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(() -> Feeds2.parse("cut.xml", cut))
        .isInstanceOfSatisfying(
            FeedFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.INVALID_XML));
  }
}
