package thesiswatch.ingest.parse;

import com.rometools.rome.io.WireFeedInput;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;
import org.jdom2.input.SAXBuilder;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Cleaned feed text into a JDOM document ROME can read: built once by ROME's secure SAX builder
 * (DOCTYPEs and external entities off, as ROME does by default) with a nesting limit; when the
 * strict build fails, repaired as little as the error asks ({@link XmlRepairs}) and built again;
 * then the shapes ROME does not recognise are put into the ones it does (an Atom feed or entry
 * without its namespace, an Atom entry document, an RSS document without its channel).
 */
final class XmlDocuments {

  /**
   * Deepest element nesting accepted. Feeds nest a few levels plus their XHTML content (rarely 30
   * deep); JDOM's serialiser and ROME's parsers recurse per level, and at this depth they stay far
   * from the stack of the smallest thread that parses (tested at 512 KB).
   */
  static final int MAX_DEPTH = 256;

  /** The JDK parser's own nesting limit (JAXP), enforced while it reads, before any DOM exists. */
  private static final String MAX_ELEMENT_DEPTH =
      "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

  static final Namespace ATOM_10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");
  static final Namespace ATOM_03 = Namespace.getNamespace("http://purl.org/atom/ns#");
  static final Namespace DC = Namespace.getNamespace("dc", "http://purl.org/dc/elements/1.1/");

  /**
   * The document property naming the format a document was in when normalising changed it into
   * another ROME reads (a CDF channel into RSS); absent when ROME's own name for it is right.
   */
  static final String FORMAT_PROPERTY = "thesiswatch.format";

  /**
   * Namespaces of the drafts that became Atom 0.3 (the Echo, Necho and Pie projects of 2003), which
   * feeds of that year still carry; read as Atom 0.3, as feedparser reads them.
   */
  private static final Set<String> ATOM_DRAFTS =
      Set.of(
          "http://example.com/newformat#",
          "http://example.com/necho",
          "http://purl.org/echo/",
          "http://purl.org/pie/");

  /** Children that make a namespace-less {@code <feed>} look like Atom rather than other XML. */
  private static final Set<String> ATOM_CHILDREN = Set.of("entry", "title", "id", "link");

  /**
   * One builder per thread: building the SAX parser costs more than parsing a small feed, and a
   * builder is not thread-safe.
   */
  private static final ThreadLocal<SAXBuilder> BUILDERS =
      ThreadLocal.withInitial(XmlDocuments::newBuilder);

  private XmlDocuments() {}

  /**
   * The document of {@code xml} (already {@link XmlCleaner#clean cleaned}), normalised for ROME.
   *
   * @throws FeedFault {@code doctype_refused}, {@code too_deep}, or {@code invalid_xml} when no
   *     repair makes it well-formed
   */
  static Document build(String xml) throws FeedFault {
    Document document = buildRepaired(xml);
    normalise(document);
    return document;
  }

  private static Document buildRepaired(String xml) throws FeedFault {
    String current = xml;
    JDOMException first = null;
    Set<XmlRepairs.Repair> applied = EnumSet.noneOf(XmlRepairs.Repair.class);
    while (true) {
      try {
        return parse(current);
      } catch (JDOMException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE")) {
          throw new FeedFault(
              FaultKind.DOCTYPE_REFUSED, "parse: DOCTYPE declarations are refused", e);
        }
        if (message.contains("maxElementDepth")) {
          throw new FeedFault(
              FaultKind.TOO_DEEP, "parse: elements nest deeper than " + MAX_DEPTH + " levels", e);
        }
        first = first == null ? e : first;
        XmlRepairs.Repair next = XmlRepairs.next(message, current, applied);
        if (next == null) {
          throw new FeedFault(FaultKind.INVALID_XML, "parse: " + first.getMessage(), first);
        }
        applied.add(next);
        current = next.apply(current);
      }
    }
  }

  private static Document parse(String xml) throws JDOMException {
    try {
      return BUILDERS.get().build(new StringReader(xml));
    } catch (IOException e) {
      throw new JDOMException("unreadable document: " + e.getMessage(), e);
    }
  }

  /** ROME's secure SAX builder (DOCTYPEs and external entities off), with the nesting limit. */
  private static SAXBuilder newBuilder() {
    SAXBuilder builder = new SecureInput().builder();
    builder.setProperty(MAX_ELEMENT_DEPTH, String.valueOf(MAX_DEPTH));
    return builder;
  }

  /** Exposes ROME's builder, so the DOM is built once and with ROME's security settings. */
  private static final class SecureInput extends WireFeedInput {
    SAXBuilder builder() {
      return createSAXBuilder();
    }
  }

  /** Puts the document in a shape ROME reads; a document already in one is left alone. */
  static void normalise(Document document) {
    normaliseRoot(document);
    if (document.getRootElement().getNamespace().equals(ATOM_03)) {
      compactBase64(document.getRootElement());
    }
  }

  private static void normaliseRoot(Document document) {
    Element root = document.getRootElement();
    String name = root.getName();
    boolean bare = root.getNamespace().equals(Namespace.NO_NAMESPACE);
    if (CdfDocuments.isCdf(root)) {
      CdfDocuments.intoRss(document);
    } else if (name.equals("feed") && bare && hasChildNamed(root, ATOM_CHILDREN)) {
      intoNamespace(root, Namespace.NO_NAMESPACE, atomNamespace(root));
    } else if (name.equals("feed") && ATOM_DRAFTS.contains(root.getNamespaceURI())) {
      intoNamespace(root, root.getNamespace(), ATOM_03);
    } else if (name.equals("entry")
        && (bare || root.getNamespace().equals(ATOM_10) || root.getNamespace().equals(ATOM_03))) {
      // An Atom entry document (RFC 4287 §5.1): one entry, read as a feed of one.
      Namespace atom = bare ? atomNamespace(root) : root.getNamespace();
      if (bare) {
        intoNamespace(root, Namespace.NO_NAMESPACE, atom);
      }
      document.detachRootElement();
      Element feed = new Element("feed", atom);
      String lang = root.getAttributeValue("lang", Namespace.XML_NAMESPACE);
      if (lang != null) {
        feed.setAttribute("lang", lang, Namespace.XML_NAMESPACE);
      }
      feed.addContent(root);
      document.setRootElement(feed);
    } else if (name.equals("rss") && bare && root.getChild("channel") == null) {
      // <rss> with its items straight inside: the channel element was left out.
      List<org.jdom2.Content> children = root.removeContent();
      Element channel = new Element("channel");
      channel.addContent(children);
      root.addContent(channel);
    }
  }

  /**
   * Atom 0.3's base64 text without the line breaks feeds wrap it in: ROME 2.1.0's decoder fails on
   * them (an index out of bounds), which would lose the whole feed.
   */
  private static void compactBase64(Element root) {
    List<Element> encoded = new ArrayList<>();
    for (Element element : root.getDescendants(Filters.element())) {
      if ("base64".equals(element.getAttributeValue("mode")) && element.getChildren().isEmpty()) {
        encoded.add(element); // changed after the walk: the walk must not see its own changes
      }
    }
    for (Element element : encoded) {
      element.setText(element.getText().replaceAll("\\s+", ""));
    }
  }

  private static boolean hasChildNamed(Element element, Set<String> names) {
    for (Element child : element.getChildren()) {
      if (names.contains(child.getName())) {
        return true;
      }
    }
    return false;
  }

  private static Namespace atomNamespace(Element root) {
    return "0.3".equals(root.getAttributeValue("version")) ? ATOM_03 : ATOM_10;
  }

  /** Moves {@code root} and its descendants in namespace {@code from} into {@code to}. */
  private static void intoNamespace(Element root, Namespace from, Namespace to) {
    root.setNamespace(to);
    for (Element element : root.getDescendants(Filters.element())) {
      if (element.getNamespace().equals(from)) {
        element.setNamespace(to);
      }
    }
  }
}
