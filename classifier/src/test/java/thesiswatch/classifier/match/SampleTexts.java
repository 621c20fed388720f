package thesiswatch.classifier.match;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The real texts at hand for tests that compare two ways of matching: the development set's
 * headlines and the bundled RSS sample feeds' items (title and description).
 */
final class SampleTexts {

  private SampleTexts() {}

  /** Every dev-set headline, then every sample-feed item, in file order. */
  static List<Headline> all() {
    List<Headline> headlines = new ArrayList<>();
    DevSet.load().lines().forEach(line -> headlines.add(new Headline(line.headline(), "")));
    try (Stream<Path> feeds = Files.list(Path.of("../seeds/samples"))) {
      for (Path feed : feeds.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
        NodeList items =
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(feed.toFile())
                .getElementsByTagName("item");
        for (int i = 0; i < items.getLength(); i++) {
          Element item = (Element) items.item(i);
          headlines.add(new Headline(text(item, "title"), text(item, "description")));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the sample feeds", e);
    }
    return headlines;
  }

  private static String text(Element item, String tag) {
    NodeList nodes = item.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }
}
