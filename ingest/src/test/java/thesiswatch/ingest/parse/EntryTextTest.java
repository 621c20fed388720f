package thesiswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Titles and summaries come out as plain text with every word the feed wrote, where ROME alone
 * loses some: each case on the feeds2 document that shows it.
 */
class EntryTextTest {

  @Test
  void anItemWithAudioOrImageMediaContentKeepsItsSummary() throws FeedFault {
    // media:content type="audio/mpeg" used to be taken for a base64 <content> and blank it.
    assertThat(Feeds2.only("feed-rs/feed-rs/fixture/rss2/rss_2.0_bbc.xml").summary())
        .isEqualTo("Melvyn Bragg and guests discuss...");
    assertThat(Feeds2.only("feed-rs/feed-rs/fixture/rss2/rss_2.0_spiegel.xml").summary())
        .isEqualTo(
            "Die wichtigsten Nachrichten aus der SPIEGEL-Redaktion. See omnystudio.com/listener"
                + " for privacy information.");
    // The same in Atom, with media:content type="image/jpeg".
    assertThat(Feeds2.only("feed-rs/feed-rs/fixture/atom/atom_mediarss_newscred_1.xml").summary())
        .isEqualTo("Some text");
    assertThat(
            Feeds2.parse("rss-parser/test/input/giantbomb-podcast.rss").entries().get(0).summary())
        .startsWith("Video games! Ghost Recon Breakpoint, The Last of Us Part II, Code Vein,");
  }

  @Test
  void rss091AndRdfDescriptionsArePlainTextWithoutMarkupOrRawEntities() throws FeedFault {
    assertThat(Feeds2.only("feed-rs/feed-rs/fixture/rss0/rss_0.91_missing_id.xml").summary())
        .isEqualTo(
            "Publicado el 14-05-2021 resultado de calificaciones 2º ej en los tablones de"
                + " anuncios. Descárguelo aquí");
    assertThat(Feeds2.only("miniflux/rdf/TestParseRDFWithEncodedHTMLDescription.xml").summary())
        .isEqualTo("AT&T");
    assertThat(Feeds2.only("gofeed/testdata/parser/rss/rdf_item_description_escaped_markup.xml"))
        .extracting(FeedEntry::summary)
        .isEqualTo("Item Description");
    assertThat(Feeds2.only("feed-rs/feed-rs/fixture/rss1/rss_1.0_debian.xml").summary())
        .startsWith(
            "The Debian project is pleased to announce the sixth update of its stable"
                + " distribution Debian 11 (codename bullseye).");
  }

  @Test
  void textInsideChildElementsIsKept() throws FeedFault {
    assertThat(Feeds2.only("miniflux/rss/TestParseItemTitleWithInnerHTML.xml").title())
        .isEqualTo("Test: bold");
    assertThat(Feeds2.only("gofeed/testdata/parser/rss/rdf_item_title_naked_markup.xml").title())
        .isEqualTo("Item Title");
    assertThat(
            Feeds2.only("gofeed/testdata/parser/atom/atom03_feed_entry_summary_naked_markup.xml"))
        .extracting(FeedEntry::summary)
        .isEqualTo("Entry Summary");
    // Atom content typed text/html holding an unescaped <a>: its link text is the summary.
    assertThat(Feeds2.only("feed-rs/feed-rs/fixture/atom/atom_scattered.xml").summary())
        .isEqualTo("0042: consulting lessons, there are no strings on me");
    // CDATA and naked markup in one description: both read as the HTML they are.
    assertThat(Feeds2.parse("rome/rome/src/test/resources/issue137-rss.xml").entries())
        .singleElement()
        .extracting(FeedEntry::summary)
        .asString()
        .startsWith("MOE will be building 11 new primary schools and upgrading another 28");
  }

  @Test
  void xmlBaseRelativeContentKeepsItsWordsAndItsLinksResolveAgainstXmlBase() throws FeedFault {
    for (String fixture :
        List.of(
            "gofeed/testdata/parser/atom/entry_content_xml_base.xml",
            "gofeed/testdata/parser/atom/entry_content_xml_base_inherit_2.xml",
            "gofeed/testdata/parser/atom/entry_summary_xml_base_inherit.xml")) {
      assertThat(Feeds2.only(fixture).summary()).as(fixture).isEqualTo("Example test");
    }
    assertThat(Feeds2.only("gofeed/testdata/parser/atom/entry_title_xml_base.xml").title())
        .isEqualTo("Example test");
    assertThat(Feeds2.only("gofeed/testdata/parser/rss/rss_channel_item_xml_base.xml").link())
        .isEqualTo("http://example.org/feeds/post/1");
    // Mark Pilgrim's xml:base tests: absolute, host-relative, relative and ../ links, each
    // resolved against the feed's xml:base, and content whose <entry> or <content> has its own.
    List<FeedEntry> entries = Feeds2.parse("rome/rome/src/test/resources/atom_1.0_b.xml").entries();
    assertThat(entries).hasSize(16);
    assertThat(entries)
        .extracting(FeedEntry::link)
        .containsOnly("http://example.org/tests/base/result.html");
    assertThat(entries.subList(4, 16))
        .extracting(FeedEntry::summary)
        .containsExactly(
            "http://example.org/tests/base/result.html",
            "http://example.org/tests/base/result.html",
            "http://example.org/tests/base/result.html",
            "http://example.org/tests/base/result.html",
            "http://example.org/tests/entrybase/result.html",
            "http://example.org/tests/entrybase/result.html",
            "http://example.org/tests/entrybase/result.html",
            "http://example.org/tests/entrybase/result.html",
            "http://example.org/tests/contentbase/result.html",
            "http://example.org/tests/contentbase/result.html",
            "http://example.org/tests/contentbase/result.html",
            "http://example.org/tests/contentbase/result.html");
  }

  @Test
  void typedAtomTextIsReadByItsType() throws FeedFault {
    // Base64 under a binary media type is decoded; words under an odd type stay words.
    assertThat(Feeds2.only("gofeed/testdata/parser/atom/atom10_feed_entry_content_base64.xml"))
        .extracting(FeedEntry::summary)
        .isEqualTo("Entry Content");
    assertThat(Feeds2.only("gofeed/testdata/parser/atom/atom10_feed_entry_title_custom_type.xml"))
        .extracting(FeedEntry::title)
        .isEqualTo("test");
    // XHTML's escaped markup is text, its markup is markup.
    assertThat(
            Feeds2.only(
                    "gofeed/testdata/parser/atom/atom10_feed_entry_summary_xhtml_escaped_markup.xml")
                .summary())
        .isEqualTo("<p>Entry Summary</p>");
    // A film has no text, whatever its base64 decodes to.
    assertThat(
            Feeds2.parse("gofeed/testdata/parser/atom/issue_275_extensions_and_source.xml")
                .entries())
        .extracting(FeedEntry::title, FeedEntry::summary)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("e1", ""),
            org.assertj.core.groups.Tuple.tuple("e2", ""),
            org.assertj.core.groups.Tuple.tuple("e3", "{\"a\":1}"),
            org.assertj.core.groups.Tuple.tuple("e4", ""));
  }

  @Test
  void extensionSummariesAreReadWhenTheCoreOneIsMissing() throws FeedFault {
    assertThat(Feeds2.only("miniflux/rss/TestEntryDescriptionFromItunesSummary.xml").summary())
        .isEqualTo("Episode Summary");
    assertThat(Feeds2.only("miniflux/rss/TestEntryDescriptionFromGooglePlayDescription.xml"))
        .extracting(FeedEntry::summary)
        .isEqualTo("Episode Description");
    assertThat(Feeds2.only("miniflux/rss/TestEntryDescriptionFromItunesSubtitle.xml").summary())
        .isEqualTo("Episode Subtitle");
    // The item's own description wins over Media RSS's.
    assertThat(
            Feeds2.only("miniflux/rss/TestParseEntryWithRSSDescriptionAndMediaDescription.xml")
                .summary())
        .isEqualTo("Entry Description");
  }
}
