package thesiswatch.ingest.parse;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdom2.Element;

/**
 * The dates of a document's entries, taken out of the DOM before ROME reads it. Ingest reads dates
 * itself ({@link Dates}: strict, zones by the feed's language); ROME's own date parsing is lenient
 * ({@code 31 Feb} becomes {@code 2 Mar}) and, trying one {@code SimpleDateFormat} per mask per
 * date, took half of ROME's time on a typical feed. ROME's parser stays the fallback for a date
 * text {@link Dates} does not recognise ({@link XmlFeedParser}).
 */
final class EntryDates {

  /** Child elements holding an entry's date, most specific first, by name in any namespace. */
  static final List<String> DATE_ELEMENTS =
      List.of("pubDate", "published", "issued", "date", "created", "updated", "modified");

  private static final Set<String> DATE_NAMES = Set.copyOf(DATE_ELEMENTS);

  private EntryDates() {}

  /**
   * Takes the date elements out of every entry under {@code root} (RSS items in a channel or beside
   * it, Atom entries) and returns each entry's date text, the first of {@link #DATE_ELEMENTS} it
   * has; an entry without one is not in the map.
   */
  static Map<Element, String> takeOut(Element root) {
    Map<Element, String> dates = new IdentityHashMap<>();
    for (Element entry : entries(root)) {
      String date = firstDate(entry);
      if (date != null) {
        dates.put(entry, date);
      }
      entry.getChildren().removeIf(child -> DATE_NAMES.contains(child.getName()));
    }
    return dates;
  }

  private static List<Element> entries(Element root) {
    List<Element> entries = new ArrayList<>();
    for (Element child : root.getChildren()) {
      String name = child.getName();
      if (name.equals("item") || name.equals("entry")) {
        entries.add(child);
      } else if (name.equals("channel")) {
        for (Element item : child.getChildren()) {
          if (item.getName().equals("item")) {
            entries.add(item);
          }
        }
      }
    }
    return entries;
  }

  private static String firstDate(Element entry) {
    for (String name : DATE_ELEMENTS) {
      for (Element child : entry.getChildren()) {
        if (child.getName().equals(name) && !child.getTextTrim().isEmpty()) {
          return child.getTextTrim();
        }
      }
    }
    return null;
  }
}
