package thesiswatch.ingest.parse;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Which element of the document each ROME entry was read from, so that {@link XmlFeedParser} can
 * fix an entry up from its own element (base64 and extension titles and summaries, raw dates,
 * xml:base, the entry's own id). The one place entries and elements are paired.
 *
 * <p>ROME keeps no element: its parser builds one wire entry (an RSS {@code Item}, an Atom {@code
 * Entry}) per element it selects, in document order, and its converter one {@link SyndEntry} per
 * wire entry, which keeps it as {@link SyndEntry#getWireEntry()} when the wire feed is preserved.
 * So a ROME entry leads, by identity, to its wire entry; the wire entry's place in the wire feed
 * leads to the element at the same place among those ROME's parser selects, which {@link
 * #romeSelection} mirrors (ROME 2.1.0: the same children, in the same namespace, per feed type).
 * Wire entries are told apart by identity, never by {@code equals}: ROME's beans are equal when
 * their values are, and two identical items are still two elements.
 *
 * <p>When the wire feed has another number of entries than the mirror finds elements (a feed type
 * not mirrored here, or a ROME that selects differently), no entry is paired, since pairing by
 * place would fix entries up from the wrong elements, and {@link #mismatch()} says what did not
 * pair; the entries are then read from ROME alone.
 */
final class EntryElements {

  /** What did not pair: the feed type and how many entries and elements each side has. */
  record Mismatch(String feedType, int romeEntries, int wireEntries, int elements) {
    @Override
    public String toString() {
      return "feed_type="
          + feedType
          + " rome_entries="
          + romeEntries
          + " wire_entries="
          + wireEntries
          + " elements="
          + elements;
    }
  }

  /** The namespace of RDF feeds' item elements, by ROME feed type. */
  private static final Map<String, Namespace> RDF_ITEMS =
      Map.of(
          "rss_0.9", Namespace.getNamespace("http://my.netscape.com/rdf/simple/0.9/"),
          "rss_1.0", Namespace.getNamespace("http://purl.org/rss/1.0/"));

  /** RSS 2.0 in a namespace, which ROME reads with its own parser (and then calls rss_2.0). */
  private static final Namespace RSS20 = Namespace.getNamespace("http://backend.userland.com/rss2");

  private final Map<Object, Element> byWireEntry;
  private final Mismatch mismatch;

  private EntryElements(Map<Object, Element> byWireEntry, Mismatch mismatch) {
    this.byWireEntry = byWireEntry;
    this.mismatch = mismatch;
  }

  /**
   * Pairs the entries of {@code feed}, built with the wire feed preserved from the document whose
   * root is {@code root}, with their elements.
   */
  static EntryElements of(SyndFeed feed, Element root) {
    WireFeed wire = feed.originalWireFeed();
    List<?> wireEntries =
        wire instanceof Channel channel
            ? channel.getItems()
            : wire instanceof Feed atom ? atom.getEntries() : List.of();
    List<Element> elements = wire == null ? List.of() : romeSelection(wire, root);
    if (wire == null || wireEntries.size() != elements.size()) {
      return new EntryElements(
          Map.of(),
          new Mismatch(
              feed.getFeedType(), feed.getEntries().size(), wireEntries.size(), elements.size()));
    }
    Map<Object, Element> byWireEntry = new IdentityHashMap<>();
    for (int i = 0; i < elements.size(); i++) {
      byWireEntry.put(wireEntries.get(i), elements.get(i));
    }
    return new EntryElements(byWireEntry, null);
  }

  /** The element {@code entry} was read from, or null when it is not paired. */
  Element elementOf(SyndEntry entry) {
    Object wireEntry = entry.getWireEntry();
    return wireEntry == null ? null : byWireEntry.get(wireEntry);
  }

  /** Null when every entry has its element; else what did not pair. */
  Mismatch mismatch() {
    return mismatch;
  }

  /** The elements ROME's parser for {@code wire}'s type reads entries from, in document order. */
  private static List<Element> romeSelection(WireFeed wire, Element root) {
    if (wire instanceof Feed) {
      // Atom 0.3 and 1.0: ROME takes a document for Atom only when its root is in the Atom
      // namespace.
      return root.getChildren("entry", root.getNamespace());
    }
    Namespace rdfItems = RDF_ITEMS.get(wire.getFeedType());
    if (rdfItems != null) {
      return root.getChildren("item", rdfItems); // RSS 0.90 and 1.0: items beside the channel
    }
    // RSS 0.91 to 2.0: channel/item, in no namespace unless ROME read it as namespaced RSS 2.0.
    Namespace ns =
        "rss_2.0".equals(wire.getFeedType()) && RSS20.equals(root.getNamespace())
            ? RSS20
            : Namespace.NO_NAMESPACE;
    Element channel = root.getChild("channel", ns);
    return channel == null ? List.of() : channel.getChildren("item", ns);
  }
}
