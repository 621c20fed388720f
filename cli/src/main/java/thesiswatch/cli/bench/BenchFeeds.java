package thesiswatch.cli.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import thesiswatch.common.Article;

/**
 * RSS 2.0 documents of benchmark items, as a news site would serve them: newest first, each with a
 * title, a link, a description and an RFC 822 date, the channel's language naming the items'.
 */
final class BenchFeeds {

  /**
   * One item.
   *
   * @param title the headline
   * @param link its unique link
   * @param summary the description, or null
   * @param published its date
   */
  record Item(String title, String link, String summary, Instant published) {}

  private BenchFeeds() {}

  /**
   * {@code templates} by language, Chinese and English only (the languages the classifier's themes
   * are written for), in the order they first appear; refused unless both are there, as {@code
   * what} (the feeds, the archive) needs.
   */
  static Map<String, List<Article>> byLanguage(List<Article> templates, String what) {
    Map<String, List<Article>> byLang = new LinkedHashMap<>();
    for (Article template : templates) {
      if ("zh".equals(template.lang()) || "en".equals(template.lang())) {
        byLang.computeIfAbsent(template.lang(), k -> new ArrayList<>()).add(template);
      }
    }
    if (byLang.size() < 2) {
      throw new IllegalArgumentException(what + " need Chinese and English templates");
    }
    return byLang;
  }

  /**
   * {@code headline} made unique as article {@code number}. Ingest's dedupe calls two titles the
   * same story when their letters and digits agree once a trailing " - Outlet" is cut off, so the
   * number goes first (a suffix would be cut with the outlet) and ends in a letter (so "[12x] 3…"
   * and "[123x] …" differ).
   */
  static String numbered(String headline, long number) {
    return "[" + number + "x] " + headline;
  }

  /** The document of {@code items} (in the order given) in a channel of {@code lang}. */
  static String rss(String title, String lang, List<Item> items) {
    StringBuilder out =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>");
    out.append(escape(title)).append("</title><link>https://bench.example/</link>");
    if (lang != null) {
      out.append("<language>").append(escape(lang)).append("</language>");
    }
    for (Item item : items) {
      out.append("\n<item><title>").append(escape(item.title())).append("</title>");
      out.append("<link>").append(escape(item.link())).append("</link>");
      out.append("<guid>").append(escape(item.link())).append("</guid>");
      if (item.summary() != null) {
        out.append("<description>").append(escape(item.summary())).append("</description>");
      }
      out.append("<pubDate>")
          .append(
              DateTimeFormatter.RFC_1123_DATE_TIME.format(item.published().atZone(ZoneOffset.UTC)))
          .append("</pubDate></item>");
    }
    return out.append("\n</channel></rss>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
