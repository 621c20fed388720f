package thesiswatch.ingest.parse;

import static thesiswatch.ingest.parse.Entries.MAX_SUMMARY_CHARS;
import static thesiswatch.ingest.parse.Entries.MAX_TITLE_CHARS;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Languages;
import thesiswatch.common.Links;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * RSS 0.9x/1.0/2.0, Atom and RDF: the XML is cleaned ({@link XmlCleaner}), built once into a DOM by
 * ROME's secure builder (DOCTYPEs refused, as ROME does by default), read by ROME, and each ROME
 * entry is then fixed up from the raw element it came from (base64 and extension titles and
 * summaries, strict dates, xml:base, the entry's own id).
 */
final class XmlFeedParser {

  private static final Logger LOG = LoggerFactory.getLogger(XmlFeedParser.class);

  /** Child elements holding an entry's date, most specific first. */
  private static final List<String> DATE_ELEMENTS =
      List.of("pubDate", "published", "issued", "date", "created", "updated", "modified");

  /** Extension elements a title may hide in (Dublin Core, Media RSS). */
  private static final Set<String> TITLE_ELEMENTS = Set.of("title");

  /**
   * Extension and legacy elements a summary may hide in (Dublin Core, iTunes, Media RSS, XHTML
   * body, fullitem).
   */
  private static final Set<String> SUMMARY_ELEMENTS =
      Set.of("description", "summary", "abstract", "encoded", "body", "fullitem", "subtitle");

  private static final Namespace RDF =
      Namespace.getNamespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");

  private final int maxEntries;

  XmlFeedParser(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /**
   * Parses the decoded text of an RSS, Atom or RDF document.
   *
   * @throws FeedFault {@code not_a_feed}, {@code doctype_refused} or {@code invalid_xml}
   */
  ParsedFeed parse(String text, String baseUrl, String langHint, Instant fetched) throws FeedFault {
    Document document = buildDocument(XmlCleaner.clean(text));
    SyndFeed feed;
    try {
      SyndFeedInput input = new SyndFeedInput();
      input.setPreserveWireFeed(
          true); // each entry keeps its wire entry, which pairs it with its element
      feed = input.build(document);
    } catch (IllegalArgumentException e) {
      throw new FeedFault(
          FaultKind.NOT_A_FEED,
          "parse: <" + document.getRootElement().getName() + "> is not an RSS, Atom or RDF feed",
          e);
    } catch (FeedException | RuntimeException e) {
      throw new FeedFault(FaultKind.INVALID_XML, "parse: " + e.getMessage(), e);
    }
    String lang =
        Text.firstNonNull(
            Languages.primary(langHint),
            Languages.primary(feed.getLanguage()),
            Languages.primary(
                document.getRootElement().getAttributeValue("lang", Namespace.XML_NAMESPACE)));
    ZoneId zone = Dates.feedZone(lang);
    EntryElements elements = EntryElements.of(feed, document.getRootElement());
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
      out.add(romeEntry(entry, elements.elementOf(entry), baseUrl, lang, zone, fetched));
    }
    FeedInfo info =
        new FeedInfo(
            Text.blankToNull(content(feed.getTitleEx(), feed.getTitle(), MAX_TITLE_CHARS)),
            Links.resolve(feed.getLink(), baseUrl),
            lang,
            feed.getFeedType());
    return new ParsedFeed(info, out.list());
  }

  /**
   * ROME's secure SAX builder (DOCTYPEs and external entities off), exposed to build the DOM once.
   */
  private static final class SecureInput extends WireFeedInput {
    org.jdom2.input.SAXBuilder builder() {
      return createSAXBuilder();
    }
  }

  private static Document buildDocument(String xml) throws FeedFault {
    try {
      return build(xml);
    } catch (JDOMException first) {
      if (String.valueOf(first.getMessage()).contains("DOCTYPE")) {
        throw new FeedFault(
            FaultKind.DOCTYPE_REFUSED, "parse: DOCTYPE declarations are refused", first);
      }
      try {
        return build(XmlCleaner.heal(xml));
      } catch (JDOMException second) {
        throw new FeedFault(FaultKind.INVALID_XML, "parse: " + first.getMessage(), first);
      }
    }
  }

  private static Document build(String xml) throws JDOMException {
    try {
      return new SecureInput().builder().build(new StringReader(xml));
    } catch (IOException e) {
      throw new JDOMException("unreadable document: " + e.getMessage(), e);
    }
  }

  private FeedEntry romeEntry(
      SyndEntry entry, Element element, String baseUrl, String lang, ZoneId zone, Instant fetched) {
    String base = element == null ? baseUrl : xmlBase(element, baseUrl);
    String title = content(entry.getTitleEx(), entry.getTitle(), MAX_TITLE_CHARS);
    String base64Title = element == null ? null : base64Child(element, "title");
    if (base64Title != null) {
      title = Text.fromHtml(base64Title, MAX_TITLE_CHARS);
    }
    if (title.isBlank() && element != null) {
      // Extension titles (dc:title, media:title, possibly inside media:group) when the core one is
      // missing.
      title = Text.fromHtml(descendantHtml(element, TITLE_ELEMENTS), MAX_TITLE_CHARS);
    }
    String summary = summary(entry, element);
    // ROME falls back to the guid for an RSS item's link; a guid is a link only when absolute.
    boolean guidAsLink =
        element != null && !element.getName().equals("entry") && childText(element, "link") == null;
    String link = Links.resolve(entry.getLink(), guidAsLink ? null : base);
    if (link == null) {
      for (SyndLink candidate : entry.getLinks()) {
        if (candidate.getRel() == null || candidate.getRel().equals("alternate")) {
          link = Links.resolve(candidate.getHref(), base);
          if (link != null) {
            break;
          }
        }
      }
    }
    String guid = element == null ? entry.getUri() : guid(element, base);
    String rawDate = element == null ? null : firstChildText(element, DATE_ELEMENTS);
    Date romeDate =
        entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    Instant published = published(rawDate, romeDate, zone, fetched);
    return Entries.entry(guid, title, summary, link, rawDate, published, lang);
  }

  /**
   * Summary: a base64 one decoded; in RSS with both description and a non-standard summary, the
   * first in document order (as feedparser); else ROME's description, its first content,
   * extensions.
   */
  private static String summary(SyndEntry entry, Element element) {
    String base64 =
        element == null
            ? null
            : Text.firstNonNull(base64Child(element, "summary"), base64Child(element, "content"));
    if (base64 != null) {
      return Text.fromHtml(base64, MAX_SUMMARY_CHARS);
    }
    if (element != null
        && !element.getName().equals("entry")
        && childText(element, "summary") != null) {
      for (Element child : element.getChildren()) {
        if ((child.getName().equals("description") || child.getName().equals("summary"))
            && !child.getTextTrim().isEmpty()) {
          return Text.fromHtml(child.getTextTrim(), MAX_SUMMARY_CHARS);
        }
      }
    }
    SyndContent description = entry.getDescription();
    if ((description == null || description.getValue() == null || description.getValue().isBlank())
        && !entry.getContents().isEmpty()) {
      description = entry.getContents().get(0);
    }
    String summary =
        description == null ? "" : content(description, description.getValue(), MAX_SUMMARY_CHARS);
    if (summary.isBlank() && element != null) {
      summary = Text.fromHtml(descendantHtml(element, SUMMARY_ELEMENTS), MAX_SUMMARY_CHARS);
    }
    return summary;
  }

  /** The entry's own id: RSS guid, Atom id (relative ids resolved like links), RDF rdf:about. */
  private static String guid(Element element, String base) {
    String guid = childText(element, "guid");
    if (guid != null) {
      return guid;
    }
    String id = childText(element, "id");
    if (id != null) {
      return resolveRelative(id, base);
    }
    return element.getAttributeValue("about", RDF);
  }

  private static String resolveRelative(String id, String base) {
    if (base == null || !(id.startsWith("/") || id.startsWith("./") || id.startsWith("../"))) {
      return id;
    }
    try {
      return new URI(base).resolve(new URI(id)).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return id;
    }
  }

  /**
   * A child the feed base64-encoded (Atom 0.3 {@code mode="base64"}, or a binary media type),
   * decoded.
   */
  private static String base64Child(Element element, String name) {
    for (Element child : element.getChildren()) {
      if (!child.getName().equals(name)) {
        continue;
      }
      String type = child.getAttributeValue("type", "");
      boolean binary = type.contains("/") && !type.startsWith("text/") && !type.contains("xml");
      if ("base64".equals(child.getAttributeValue("mode")) || binary) {
        try {
          return new String(
              Base64.getMimeDecoder().decode(child.getTextTrim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** The markup of the first descendant named one of {@code names} with content, or "". */
  private static String descendantHtml(Element element, Set<String> names) {
    for (Element child : element.getDescendants(Filters.element())) {
      if (names.contains(child.getName())) {
        String html =
            child.getChildren().isEmpty()
                ? child.getText()
                : new XMLOutputter(Format.getRawFormat()).outputString(child.getContent());
        if (!html.isBlank()) {
          return html;
        }
      }
    }
    return "";
  }

  /**
   * The time from the raw text when it parses strictly; ROME's only when the format is unknown to
   * us.
   */
  private static Instant published(String raw, Date romeDate, ZoneId zone, Instant fetched) {
    Dates.Result result = Dates.parse(raw, zone);
    return switch (result.verdict()) {
      case PARSED -> Dates.sane(result.instant(), fetched);
      case IMPOSSIBLE -> null;
      case UNRECOGNISED -> Dates.sane(romeDate == null ? null : romeDate.toInstant(), fetched);
    };
  }

  /**
   * Plain text of a title or summary: text types kept as written, HTML (and RSS's untyped text)
   * stripped.
   */
  private static String content(SyndContent typed, String fallback, int max) {
    String value = typed != null && typed.getValue() != null ? typed.getValue() : fallback;
    String type =
        typed == null || typed.getType() == null ? "" : typed.getType().toLowerCase(Locale.ROOT);
    return type.equals("text") || type.equals("text/plain")
        ? Text.plain(value, max)
        : Text.fromHtml(value, max);
  }

  /** The entry's base URL: its (and its ancestors') xml:base resolved against the document URL. */
  private static String xmlBase(Element element, String documentUrl) {
    List<String> bases = new ArrayList<>();
    for (Element e = element; e != null; e = e.getParentElement()) {
      String base = e.getAttributeValue("base", Namespace.XML_NAMESPACE);
      if (base != null && !base.isBlank()) {
        bases.add(0, base.strip());
      }
    }
    String result = documentUrl;
    for (String base : bases) {
      try {
        result = result == null ? base : new URI(result).resolve(new URI(base)).toString();
      } catch (URISyntaxException | IllegalArgumentException e) {
        return result;
      }
    }
    return result;
  }

  private static String childText(Element element, String... names) {
    for (String name : names) {
      for (Element child : element.getChildren()) {
        if (child.getName().equals(name) && !child.getTextTrim().isEmpty()) {
          return child.getTextTrim();
        }
      }
    }
    return null;
  }

  private static String firstChildText(Element element, List<String> names) {
    return childText(element, names.toArray(String[]::new));
  }
}
