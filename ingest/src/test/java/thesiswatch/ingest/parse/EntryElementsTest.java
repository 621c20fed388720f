package thesiswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.input.SAXBuilder;
import org.junit.jupiter.api.Test;

/**
 * Pairing ROME's entries with the elements they were read from: by identity, and a mismatch is
 * reported.
 */
class EntryElementsTest {

  static final String TWO_EQUAL_ITEMS =
      """
      <rss version="2.0"><channel><title>t</title>
        <item><title>Same</title><link>https://example.org/same</link></item>
        <item><title>Same</title><link>https://example.org/same</link></item>
        <item><title>Other</title><link>https://example.org/other</link></item>
      </channel></rss>\
      """;

  static Document document(String xml) throws Exception {
    return new SAXBuilder().build(new StringReader(xml));
  }

  static SyndFeed rome(Document document) throws Exception {
    SyndFeedInput input = new SyndFeedInput();
    input.setPreserveWireFeed(true);
    return input.build(document);
  }

  @Test
  void eachEntryGetsTheElementItWasReadFromEvenWhenTwoItemsAreEqual() throws Exception {
    Document document = document(TWO_EQUAL_ITEMS);
    SyndFeed feed = rome(document);
    List<Element> items = document.getRootElement().getChild("channel").getChildren("item");

    EntryElements elements = EntryElements.of(feed, document.getRootElement());

    assertThat(elements.mismatch()).isNull();
    List<SyndEntry> entries = feed.getEntries();
    // ROME's first two items are equal beans; pairing by equals would give both the same element.
    assertThat(entries.get(0).getWireEntry()).isEqualTo(entries.get(1).getWireEntry());
    for (int i = 0; i < items.size(); i++) {
      assertThat(elements.elementOf(entries.get(i))).as("entry %d", i).isSameAs(items.get(i));
    }
  }

  @Test
  void entriesThatDoNotPairAreReportedWithTheCountsAndNoneIsPairedByPlace() throws Exception {
    // ROME's entries of one document against the elements of another with more items: what a ROME
    // that selects other elements than EntryElements mirrors would look like.
    SyndFeed feed =
        rome(
            document(
                TWO_EQUAL_ITEMS.replace(
                    "<item><title>Other</title><link>https://example.org/other</link></item>",
                    "")));
    Document other = document(TWO_EQUAL_ITEMS);

    EntryElements elements = EntryElements.of(feed, other.getRootElement());

    assertThat(elements.mismatch()).isEqualTo(new EntryElements.Mismatch("rss_2.0", 2, 2, 3));
    assertThat(elements.mismatch().toString())
        .isEqualTo("feed_type=rss_2.0 rome_entries=2 wire_entries=2 elements=3");
    assertThat(feed.getEntries())
        .allSatisfy(entry -> assertThat(elements.elementOf(entry)).isNull());
  }

  @Test
  void elementsThatOnlyLookLikeEntriesDoNotShiftThePairing() throws Exception {
    // An extension <x:entry> beside the real entry: counted by name alone it made two elements for
    // one ROME entry, and the entry lost its Media RSS title. Paired in ROME's namespace, it keeps
    // it.
    String atom =
        """
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:example:x"
              xmlns:media="http://search.yahoo.com/mrss/">
          <title>t</title><x:entry>not an entry</x:entry>
          <entry><id>urn:1</id><media:group><media:title>Only in Media RSS</media:title></media:group>
            <link href="https://example.org/1"/><updated>2025-03-01T00:00:00Z</updated></entry>
        </feed>\
        """;
    ParsedFeed parsed =
        new FeedParser(10)
            .parse(
                atom.getBytes(StandardCharsets.UTF_8),
                "application/atom+xml",
                "https://example.org/feed",
                null,
                Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(parsed.entries())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.title()).isEqualTo("Only in Media RSS");
              assertThat(entry.guid()).isEqualTo("urn:1");
            });
  }
}
