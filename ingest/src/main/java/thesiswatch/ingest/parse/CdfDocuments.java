package thesiswatch.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import org.jdom2.Attribute;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Microsoft's Channel Definition Format (CDF, 1997), which ROME does not read, as the RSS 2.0
 * document it amounts to: a {@code CHANNEL} of {@code ITEM}s, each with its link in an {@code HREF}
 * attribute, a {@code TITLE}, an {@code ABSTRACT} (the description) and a {@code LASTMOD} time (ISO
 * 8601, read as {@code dc:date}). Sub-channels' items are the channel's. Element and attribute
 * names are matched in any case, as CDF's readers did.
 */
final class CdfDocuments {

  private CdfDocuments() {}

  /** Whether {@code root} is a CDF channel: {@code CHANNEL}, in capitals, outside any namespace. */
  static boolean isCdf(Element root) {
    return root.getName().equals("CHANNEL") && root.getNamespace().equals(Namespace.NO_NAMESPACE);
  }

  /** The format a feed read from CDF reports: ROME would name the RSS it became. */
  static final String FORMAT = "cdf";

  /**
   * {@code document}, whose root is a CDF channel, as RSS 2.0; its {@link
   * XmlDocuments#FORMAT_PROPERTY} says it was CDF.
   */
  static void intoRss(Document document) {
    Element cdf = document.detachRootElement();
    Element channel = new Element("channel");
    copy(cdf, channel);
    for (Element item : items(cdf)) {
      Element rss = new Element("item");
      copy(item, rss);
      channel.addContent(rss);
    }
    Element rss = new Element("rss").setAttribute("version", "2.0");
    rss.addNamespaceDeclaration(XmlDocuments.DC);
    rss.addContent(channel);
    document.setRootElement(rss);
    document.setProperty(XmlDocuments.FORMAT_PROPERTY, FORMAT);
  }

  /** The title, link, description and time of a CDF channel or item, in RSS's terms. */
  private static void copy(Element from, Element to) {
    add(to, "title", childText(from, "TITLE"), Namespace.NO_NAMESPACE);
    add(to, "link", attribute(from, "HREF"), Namespace.NO_NAMESPACE);
    add(to, "description", childText(from, "ABSTRACT"), Namespace.NO_NAMESPACE);
    add(to, "date", attribute(from, "LASTMOD"), XmlDocuments.DC);
  }

  private static List<Element> items(Element channel) {
    List<Element> items = new ArrayList<>();
    for (Element child : channel.getChildren()) {
      if (child.getName().equalsIgnoreCase("ITEM")) {
        items.add(child);
      } else if (child.getName().equalsIgnoreCase("CHANNEL")) {
        items.addAll(items(child));
      }
    }
    return items;
  }

  private static void add(Element to, String name, String text, Namespace namespace) {
    if (text != null && !text.isBlank()) {
      to.addContent(new Element(name, namespace).setText(text.strip()));
    }
  }

  private static String childText(Element element, String name) {
    for (Element child : element.getChildren()) {
      if (child.getName().equalsIgnoreCase(name)) {
        return child.getText();
      }
    }
    return null;
  }

  private static String attribute(Element element, String name) {
    for (Attribute attribute : element.getAttributes()) {
      if (attribute.getName().equalsIgnoreCase(name)) {
        return attribute.getValue();
      }
    }
    return null;
  }
}
