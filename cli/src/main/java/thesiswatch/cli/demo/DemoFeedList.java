package thesiswatch.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The demo's feed list: the live feeds of {@code seeds/feeds.opml} (unless offline) plus a folder
 * of the bundled samples at their loopback URLs, written as OPML for ingest to read like any other.
 */
final class DemoFeedList {

  private DemoFeedList() {}

  /** Writes the list to {@code target} and returns it. */
  static Path write(Path target, List<String> sampleUrls, Path liveFeeds) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      Document opml =
          liveFeeds != null && Files.isRegularFile(liveFeeds)
              ? builder.parse(liveFeeds.toFile())
              : empty(builder);
      Element body = (Element) opml.getElementsByTagName("body").item(0);
      Element folder = opml.createElement("outline");
      folder.setAttribute("text", "thesiswatch samples (fictional, bundled)");
      for (String url : sampleUrls) {
        Element feed = opml.createElement("outline");
        feed.setAttribute("type", "rss");
        feed.setAttribute("text", url.substring(url.lastIndexOf('/') + 1));
        feed.setAttribute("xmlUrl", url);
        folder.appendChild(feed);
      }
      body.appendChild(folder);
      Transformer transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      Files.createDirectories(target.toAbsolutePath().getParent());
      transformer.transform(new DOMSource(opml), new StreamResult(target.toFile()));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo feed list " + target, e);
    } catch (ParserConfigurationException | SAXException | TransformerException e) {
      throw new IllegalStateException(
          "cannot build the demo feed list from " + liveFeeds + ": " + e.getMessage(), e);
    }
  }

  private static Document empty(DocumentBuilder builder) {
    Document opml = builder.newDocument();
    Element root = opml.createElement("opml");
    root.setAttribute("version", "2.0");
    Element head = opml.createElement("head");
    Element title = opml.createElement("title");
    title.setTextContent("thesiswatch demo feeds");
    head.appendChild(title);
    root.appendChild(head);
    root.appendChild(opml.createElement("body"));
    opml.appendChild(root);
    return opml;
  }
}
