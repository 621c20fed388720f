package thesiswatch.ingest.parse;

import static thesiswatch.ingest.parse.Entries.MAX_SUMMARY_CHARS;
import static thesiswatch.ingest.parse.Entries.MAX_TITLE_CHARS;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.impl.DateParser;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;

/**
 * One RSS, RDF or Atom entry read from the element ROME read it from ({@link EntryElements}), where
 * ROME alone loses something: titles and summaries by their format's rules ({@link
 * TextConstructs}), extension titles and summaries, an RSS item's {@code atom:link} and {@code
 * atom:content}, links resolved against xml:base, the entry's own id, strict dates.
 */
final class XmlEntryReader {

  /** Where an entry without a title of its own may have one: Dublin Core and Media RSS. */
  private static final Set<String> TITLE_NAMESPACES =
      Set.of(
          XmlDocuments.DC.getURI(), "http://purl.org/dc/terms/", "http://search.yahoo.com/mrss/");

  /**
   * Extension elements that hold a summary (Dublin Core, Media RSS, Google Play and iTunes
   * descriptions, Dublin Core abstracts, iTunes' subtitle), looked for by name in this order, in
   * any namespace, when the core summary is empty.
   */
  private static final List<String> EXTENSION_SUMMARIES =
      List.of("description", "summary", "abstract", "subtitle");

  /** Extension and legacy elements that hold a full content (XHTML body, fullitem). */
  private static final List<String> EXTENSION_CONTENTS = List.of("encoded", "body", "fullitem");

  private static final Namespace RDF =
      Namespace.getNamespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
  private static final Namespace CONTENT =
      Namespace.getNamespace("http://purl.org/rss/1.0/modules/content/");

  /** The entry ROME read as {@code entry} from {@code element}, read again from the element. */
  static Entries.Draft read(
      SyndEntry entry,
      Element element,
      String rawDate,
      boolean atom,
      String baseUrl,
      String lang,
      ZoneId zone,
      Instant fetched) {
    String base = xmlBase(element, baseUrl);
    Namespace core = element.getNamespace();
    String title = text(element.getChild("title", core), atom, MAX_TITLE_CHARS);
    if (title.isBlank()) {
      title = extensionTitle(element);
    }
    String summary = summary(element, atom);
    Entries.Link link = atom ? atomLink(entry, element, base) : rssLink(element, base);
    return new Entries.Draft(
        guid(element, base),
        title,
        summary,
        link,
        rawDate,
        published(rawDate, null, zone, fetched),
        lang);
  }

  /**
   * An entry's summary: what the feed calls its summary (RSS description, Atom summary) or an
   * extension's summary; else its full content; else an extension's content.
   */
  private static String summary(Element entry, boolean atom) {
    String summary = atom ? atomSummary(entry) : rssDescription(entry);
    if (summary.isBlank() && !atom) {
      summary = extension(entry, EXTENSION_SUMMARIES, false);
      if (summary.isBlank()) {
        summary = rssContent(entry);
      }
    }
    if (summary.isBlank()) {
      summary = extension(entry, atom ? EXTENSION_SUMMARIES : List.of(), atom);
    }
    if (summary.isBlank()) {
      summary = extension(entry, EXTENSION_CONTENTS, atom);
    }
    return summary;
  }

  /**
   * An RSS item's description, or a non-standard summary when that comes first (as feedparser reads
   * them).
   */
  private static String rssDescription(Element item) {
    Namespace core = item.getNamespace();
    return firstChildWithText(
        item,
        child ->
            (child.getName().equals("description") && inCore(child, core))
                || (child.getName().equals("summary")
                    && (inCore(child, core) || child.getNamespace().equals(XmlDocuments.ATOM_10))));
  }

  /**
   * An RSS item's full content: {@code content:encoded}, {@code atom:content}, or a namespace-less
   * {@code <encoded>}.
   */
  private static String rssContent(Element item) {
    Namespace core = item.getNamespace();
    return firstChildWithText(
        item,
        child ->
            (child.getName().equals("encoded")
                    && (child.getNamespace().equals(CONTENT) || inCore(child, core)))
                || (child.getName().equals("content")
                    && child.getNamespace().equals(XmlDocuments.ATOM_10)));
  }

  /**
   * The text of the first child {@code which} accepts that has text; Atom's read by Atom's rules.
   */
  private static String firstChildWithText(Element item, Predicate<Element> which) {
    for (Element child : item.getChildren()) {
      if (which.test(child)) {
        String text = text(child, child.getNamespace().equals(XmlDocuments.ATOM_10));
        if (!text.isBlank()) {
          return text;
        }
      }
    }
    return "";
  }

  /** An Atom entry's summary, else its content (unless the content is only a {@code src}). */
  private static String atomSummary(Element entry) {
    Namespace atom = entry.getNamespace();
    String summary = text(entry.getChild("summary", atom), true);
    if (!summary.isBlank()) {
      return summary;
    }
    for (Element content : entry.getChildren("content", atom)) {
      String text = text(content, true);
      if (!text.isBlank()) {
        return text;
      }
    }
    return "";
  }

  /**
   * The text of the first descendant named one of {@code names} (in that order of preference) that
   * has text, leaving out the entry's own description and summary (read already) and an Atom {@code
   * <source>} (which describes another feed).
   */
  private static String extension(Element entry, List<String> names, boolean atom) {
    Namespace core = entry.getNamespace();
    for (String name : names) {
      for (Element child : entry.getDescendants(Filters.element())) {
        if (!child.getName().equals(name)) {
          continue;
        }
        boolean readAlready =
            child.getParentElement() == entry
                && inCore(child, core)
                && (name.equals("description") || name.equals("summary"));
        if (!readAlready && !insideSource(child, entry)) {
          String text = text(child, atom && child.getNamespace().equals(core));
          if (!text.isBlank()) {
            return text;
          }
        }
      }
    }
    return "";
  }

  /** True inside an Atom {@code <source>}: that describes the feed an entry came from. */
  private static boolean insideSource(Element element, Element entry) {
    for (Element e = element.getParentElement();
        e != null && e != entry;
        e = e.getParentElement()) {
      if (e.getName().equals("source")) {
        return true;
      }
    }
    return false;
  }

  /** A title from Dublin Core or Media RSS (possibly inside {@code media:group}). */
  private static String extensionTitle(Element entry) {
    return extensionTitle(entry.getDescendants(Filters.element()));
  }

  /** The first non-blank Dublin Core or Media RSS title among {@code elements}, or "". */
  static String extensionTitle(Iterable<Element> elements) {
    for (Element child : elements) {
      if (child.getName().equals("title") && TITLE_NAMESPACES.contains(child.getNamespaceURI())) {
        String text = text(child, false, MAX_TITLE_CHARS);
        if (!text.isBlank()) {
          return text;
        }
      }
    }
    return "";
  }

  /**
   * An RSS item's link: its {@code <link>} (resolved against xml:base), else an {@code atom:link}
   * to the alternate page, else (as ROME does) its guid when that is an absolute permalink.
   */
  private static Entries.Link rssLink(Element item, String base) {
    Element link = item.getChild("link", item.getNamespace());
    if (link != null && !link.getTextTrim().isEmpty()) {
      Entries.Link resolved = Entries.link(link.getTextTrim(), base);
      if (resolved.canonical() != null) {
        return resolved;
      }
    }
    for (Element atomLink : item.getChildren("link", XmlDocuments.ATOM_10)) {
      String rel = atomLink.getAttributeValue("rel", "alternate").strip();
      if (rel.equals("alternate")) {
        Entries.Link resolved =
            Entries.link(atomLink.getAttributeValue("href"), xmlBase(atomLink, base));
        if (resolved.canonical() != null) {
          return resolved;
        }
      }
    }
    // As ROME does, an item without a link of its own links to its guid when that is a permalink
    // (the default) - taken only when absolute, since a relative guid is an id, not a page.
    Element guid = item.getChild("guid", item.getNamespace());
    boolean permalink =
        guid != null
            && !"false".equalsIgnoreCase(guid.getAttributeValue("isPermaLink", "").strip());
    return permalink ? Entries.link(guid.getTextTrim(), null) : Entries.Link.NONE;
  }

  /**
   * An Atom entry's link: its alternate link (the first without {@code rel} or with {@code
   * rel="alternate"}), resolved against the link's xml:base.
   */
  private static Entries.Link atomLink(SyndEntry entry, Element element, String base) {
    for (Element link : element.getChildren("link", element.getNamespace())) {
      String rel = link.getAttributeValue("rel", "alternate").strip();
      if (rel.equals("alternate")
          || rel.equals("http://www.iana.org/assignments/relation/alternate")) {
        Entries.Link resolved = Entries.link(link.getAttributeValue("href"), xmlBase(link, base));
        if (resolved.canonical() != null) {
          return resolved;
        }
      }
    }
    Entries.Link link = Entries.link(entry.getLink(), base);
    return link.canonical() != null ? link : alternate(entry.getLinks(), base);
  }

  /** The first alternate link of ROME's that is a web link. */
  static Entries.Link alternate(List<SyndLink> links, String base) {
    for (SyndLink candidate : links) {
      if (candidate.getRel() == null || candidate.getRel().equals("alternate")) {
        Entries.Link link = Entries.link(candidate.getHref(), base);
        if (link.canonical() != null) {
          return link;
        }
      }
    }
    return Entries.Link.NONE;
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

  private static boolean inCore(Element child, Namespace core) {
    return child.getNamespace().equals(core) || child.getNamespace().equals(Namespace.NO_NAMESPACE);
  }

  private static String text(Element element, boolean atom) {
    return text(element, atom, MAX_SUMMARY_CHARS);
  }

  private static String text(Element element, boolean atom, int max) {
    return element == null ? "" : TextConstructs.plainText(element, atom, max);
  }

  /**
   * The time from the raw text when it parses strictly; else ROME's reading of it (ROME knows some
   * rarer forms), or ROME's date for an entry read from ROME alone.
   */
  static Instant published(String raw, Date romeDate, ZoneId zone, Instant fetched) {
    Dates.Result result = Dates.parse(raw, zone);
    return switch (result.verdict()) {
      case PARSED -> Dates.sane(result.instant(), fetched);
      case IMPOSSIBLE -> null;
      case UNRECOGNISED -> {
        Date rome =
            raw == null
                ? romeDate
                : raw.length() > Dates.MAX_DATE_CHARS ? null : DateParser.parseDate(raw, Locale.US);
        yield Dates.sane(rome == null ? null : rome.toInstant(), fetched);
      }
    };
  }

  /** The element's base URL: its (and its ancestors') xml:base resolved against the document's. */
  static String xmlBase(Element element, String documentUrl) {
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
}
