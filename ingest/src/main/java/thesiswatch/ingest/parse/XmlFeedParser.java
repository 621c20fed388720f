package thesiswatch.ingest.parse;

import static thesiswatch.ingest.parse.Entries.MAX_SUMMARY_CHARS;
import static thesiswatch.ingest.parse.Entries.MAX_TITLE_CHARS;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Languages;
import thesiswatch.common.Links;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and RDF: the text is cleaned ({@link XmlCleaner}), built once into
 * a DOM ({@link XmlDocuments}: nesting limit, repairs, shapes ROME does not know), read by ROME,
 * and each ROME entry is then read again where ROME loses something, from the element it came from
 * ({@link EntryElements}): titles and summaries with child elements, base64 and typed text ({@link
 * TextConstructs}), extension summaries, an RSS item's {@code atom:link} and {@code atom:content},
 * strict dates, xml:base, the entry's own id.
 */
final class XmlFeedParser {

  private static final Logger LOG = LoggerFactory.getLogger(XmlFeedParser.class);

  private final int maxEntries;

  XmlFeedParser(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /**
   * Parses the decoded text of an RSS, Atom or RDF document.
   *
   * @throws FeedFault {@code not_a_feed}, {@code doctype_refused}, {@code too_deep} or {@code
   *     invalid_xml}
   */
  ParsedFeed parse(String text, String baseUrl, String langHint, Instant fetched) throws FeedFault {
    Document document = XmlDocuments.build(XmlCleaner.clean(text));
    Map<Element, String> dates = EntryDates.takeOut(document.getRootElement());
    SyndFeed feed;
    try {
      SyndFeedInput input = new SyndFeedInput();
      // Each entry keeps its wire entry, which pairs it with its element.
      input.setPreserveWireFeed(true);
      feed = input.build(document);
    } catch (IllegalArgumentException e) {
      throw new FeedFault(
          FaultKind.NOT_A_FEED,
          "parse: <" + document.getRootElement().getName() + "> is not an RSS, Atom or RDF feed",
          e);
    } catch (FeedException | RuntimeException e) {
      throw new FeedFault(FaultKind.INVALID_XML, "parse: " + e.getMessage(), e);
    }
    Element root = document.getRootElement();
    String base = documentBase(baseUrl, feed, root);
    Element channel = channel(root);
    String lang =
        Text.firstNonNull(
            Languages.primary(langHint),
            Languages.primary(feed.getLanguage()),
            Languages.primary(channel.getChildTextTrim("language", XmlDocuments.DC)),
            Languages.primary(root.getAttributeValue("lang", Namespace.XML_NAMESPACE)));
    ZoneId zone = Dates.feedZone(lang);
    boolean atom = feed.getFeedType() != null && feed.getFeedType().startsWith("atom");
    EntryElements elements = EntryElements.of(feed, root);
    if (elements.mismatch() != null) {
      LOG.warn(
          "parse: entries and elements do not pair, entries read from ROME alone feed_url={} {}",
          baseUrl,
          elements.mismatch());
    }
    Entries out = new Entries(maxEntries);
    for (SyndEntry entry : feed.getEntries()) {
      if (out.full()) {
        break;
      }
      Element element = elements.elementOf(entry);
      out.add(
          element == null
              ? romeEntry(entry, atom, base, lang, zone, fetched)
              : XmlEntryReader.read(
                  entry, element, dates.get(element), atom, base, lang, zone, fetched));
    }
    FeedInfo info =
        new FeedInfo(
            title(feed, channel, atom),
            Entries.link(feed.getLink(), XmlEntryReader.xmlBase(root, base)).canonical(),
            lang,
            Text.firstNonNull(
                (String) document.getProperty(XmlDocuments.FORMAT_PROPERTY), feed.getFeedType()));
    return new ParsedFeed(info, out.list());
  }

  /**
   * The URL relative links are resolved against: the document's own when it came from the web; for
   * a local file (as {@code thesiswatch parse FILE} reads one), the feed's self link, else its site
   * link, which say where the feed lives.
   */
  private static String documentBase(String documentUrl, SyndFeed feed, Element root) {
    if (Links.web(documentUrl) != null) {
      return documentUrl;
    }
    Element channel = root.getChild("channel", root.getNamespace());
    String self = null;
    for (Element parent : channel == null ? List.of(root) : List.of(root, channel)) {
      for (Element link : parent.getChildren("link", XmlDocuments.ATOM_10)) {
        self = "self".equals(link.getAttributeValue("rel")) ? link.getAttributeValue("href") : self;
      }
      for (Element link : parent.getChildren("link", parent.getNamespace())) {
        self = "self".equals(link.getAttributeValue("rel")) ? link.getAttributeValue("href") : self;
      }
    }
    String selfUrl = Links.resolve(self, XmlEntryReader.xmlBase(root, null));
    String site =
        Links.resolve(
            feed.getLink(), Text.firstNonNull(selfUrl, XmlEntryReader.xmlBase(root, null)));
    return Text.firstNonNull(selfUrl, site, documentUrl);
  }

  /** An entry read from ROME alone, when its element could not be told (see EntryElements). */
  private static Entries.Draft romeEntry(
      SyndEntry entry, boolean atom, String baseUrl, String lang, ZoneId zone, Instant fetched) {
    String title = content(entry.getTitleEx(), entry.getTitle(), atom, MAX_TITLE_CHARS);
    SyndContent description = entry.getDescription();
    if ((description == null || description.getValue() == null || description.getValue().isBlank())
        && !entry.getContents().isEmpty()) {
      description = entry.getContents().get(0);
    }
    String summary =
        description == null
            ? ""
            : content(description, description.getValue(), atom, MAX_SUMMARY_CHARS);
    Entries.Link link = Entries.link(entry.getLink(), baseUrl);
    if (link.canonical() == null) {
      link = XmlEntryReader.alternate(entry.getLinks(), baseUrl);
    }
    Date romeDate =
        entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    return new Entries.Draft(
        entry.getUri(),
        title,
        summary,
        link,
        null,
        XmlEntryReader.published(null, romeDate, zone, fetched),
        lang);
  }

  /**
   * The feed's title, read from its element as an entry's is ({@link TextConstructs}: typed and
   * base64 text, markup), else as ROME read it, else from Dublin Core or Media RSS; null when it
   * has none.
   */
  private static String title(SyndFeed feed, Element channel, boolean atom) {
    Element element = channel.getChild("title", channel.getNamespace());
    return Text.firstNonNull(
        element == null
            ? null
            : Text.blankToNull(TextConstructs.plainText(element, atom, MAX_TITLE_CHARS)),
        Text.blankToNull(content(feed.getTitleEx(), feed.getTitle(), atom, MAX_TITLE_CHARS)),
        Text.blankToNull(XmlEntryReader.extensionTitle(channel.getChildren())));
  }

  /**
   * The element that holds the feed's own title and language: an RSS or RDF document's {@code
   * channel}, an Atom feed itself.
   */
  private static Element channel(Element root) {
    if (root.getName().equals("rss") || root.getName().equals("RDF")) {
      for (Element child : root.getChildren()) {
        if (child.getName().equals("channel")) {
          return child;
        }
      }
    }
    return root;
  }

  /**
   * Plain text of a ROME title or summary: Atom's text types kept as written, anything else read as
   * HTML (RSS's text is HTML whatever type ROME gives it).
   */
  private static String content(SyndContent typed, String fallback, boolean atom, int max) {
    String value = typed != null && typed.getValue() != null ? typed.getValue() : fallback;
    String type =
        typed == null || typed.getType() == null ? "" : typed.getType().toLowerCase(Locale.ROOT);
    return atom && (type.equals("text") || type.equals("text/plain"))
        ? Text.plain(value, max)
        : Text.fromHtml(value, max);
  }
}
