package thesiswatch.ingest.feeds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import thesiswatch.common.BoundedFiles;
import thesiswatch.common.Env;

/**
 * Reads and writes the feed list as OPML: every {@code outline} with an {@code xmlUrl}, at any
 * depth (folders are outlines too), with the optional attributes {@code language}, {@code
 * category}, {@code interval} (e.g. {@code 30m}) and {@code enabled="false"}.
 */
public final class FeedList {

  private FeedList() {}

  /**
   * Most bytes a feed list may have: some hundred thousand feeds, and not a large file given as one
   * by mistake, read whole before anything can say so.
   */
  public static final int MAX_BYTES = 64 << 20;

  /**
   * The feeds of the OPML file at {@code path}, in document order, each URL once.
   *
   * @throws IllegalArgumentException when it is larger than {@link #MAX_BYTES}, or an outline's
   *     {@code interval} is not a poll interval
   */
  public static List<FeedSpec> read(Path path) throws IOException {
    return parse(
        new String(BoundedFiles.read(path, MAX_BYTES, "feed list"), StandardCharsets.UTF_8));
  }

  /**
   * The feeds of an OPML document, in document order; a URL listed twice counts once (the first).
   *
   * @throws IllegalArgumentException when an outline's {@code interval} is not a duration
   */
  public static List<FeedSpec> parse(String opml) {
    // jsoup's XML parser never resolves entities or DTDs, so a hostile OPML cannot reach files.
    Document document = Jsoup.parse(opml, "", Parser.xmlParser());
    Map<String, FeedSpec> feeds = new LinkedHashMap<>();
    for (Element outline : document.select("outline[xmlUrl]")) {
      String url = outline.attr("xmlUrl").strip();
      if (url.isEmpty()) {
        continue;
      }
      feeds.putIfAbsent(
          url,
          new FeedSpec(
              url,
              blankToNull(outline.hasAttr("title") ? outline.attr("title") : outline.attr("text")),
              blankToNull(outline.attr("htmlUrl")),
              blankToNull(outline.attr("language")),
              blankToNull(outline.attr("category")),
              interval(outline.attr("interval"), url),
              !"false".equalsIgnoreCase(outline.attr("enabled").strip())));
    }
    return List.copyOf(feeds.values());
  }

  /**
   * The OPML document for {@code feeds}: one flat outline per feed, round-trippable by {@link
   * #parse}.
   */
  public static String write(String title, List<FeedSpec> feeds) {
    Document document = Document.createShell("");
    document.outputSettings().syntax(Document.OutputSettings.Syntax.xml).prettyPrint(true);
    Element opml = new Element("opml").attr("version", "2.0");
    opml.appendElement("head").appendElement("title").text(title);
    Element body = opml.appendElement("body");
    for (FeedSpec feed : feeds) {
      Element outline = body.appendElement("outline").attr("type", "rss");
      String name = feed.title() == null ? feed.url() : feed.title();
      outline.attr("text", name).attr("title", name).attr("xmlUrl", feed.url());
      putIfPresent(outline, "htmlUrl", feed.htmlUrl());
      putIfPresent(outline, "language", feed.language());
      putIfPresent(outline, "category", feed.category());
      if (feed.interval() != null) {
        outline.attr("interval", feed.interval().toSeconds() + "s");
      }
      if (!feed.enabled()) {
        outline.attr("enabled", "false");
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    lines.add(opml.outerHtml());
    return String.join("\n", lines) + "\n";
  }

  private static Duration interval(String text, String url) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Duration parsed = Env.parseDuration(text);
    if (parsed == null || !FeedSpec.allowedInterval(parsed)) {
      throw new IllegalArgumentException(
          "invalid interval '"
              + text
              + "' for feed "
              + url
              + ": expected a duration "
              + FeedSpec.ALLOWED_INTERVALS
              + ", such as 30m");
    }
    return parsed;
  }

  private static void putIfPresent(Element element, String name, String value) {
    if (value != null) {
      element.attr(name, value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
