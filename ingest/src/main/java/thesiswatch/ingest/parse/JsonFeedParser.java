package thesiswatch.ingest.parse;

import static thesiswatch.ingest.parse.Entries.MAX_SUMMARY_CHARS;
import static thesiswatch.ingest.parse.Entries.MAX_TITLE_CHARS;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import thesiswatch.common.Json;
import thesiswatch.common.Languages;
import thesiswatch.common.Links;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/** JSON Feed 1.0 and 1.1, read with Jackson. */
final class JsonFeedParser {

  /**
   * The project's JSON settings with the XML parser's nesting limit: the same feed nested too deep
   * is refused the same way in either format.
   */
  private static final ObjectMapper READER =
      Json.MAPPER.copyWith(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxNestingDepth(XmlDocuments.MAX_DEPTH).build())
              .build());

  private final int maxEntries;

  JsonFeedParser(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /**
   * Parses the decoded text of a JSON Feed.
   *
   * @throws FeedFault {@code not_a_feed}, {@code too_deep} or {@code invalid_xml} (invalid JSON)
   */
  ParsedFeed parse(String text, String baseUrl, String langHint, Instant fetched) throws FeedFault {
    JsonNode root;
    try {
      root = READER.readTree(text);
    } catch (StreamConstraintsException e) {
      throw new FeedFault(
          FaultKind.TOO_DEEP,
          "parse: JSON values nest deeper than " + XmlDocuments.MAX_DEPTH + " levels",
          e);
    } catch (JsonProcessingException e) {
      throw new FeedFault(
          FaultKind.INVALID_XML, "parse: invalid JSON: " + e.getOriginalMessage(), e);
    }
    String version = root == null ? "" : root.path("version").asText("");
    if (!version.contains("jsonfeed.org/version/1")) {
      throw new FeedFault(FaultKind.NOT_A_FEED, "parse: JSON without a JSON Feed version");
    }
    String lang =
        Text.firstNonNull(
            Languages.primary(langHint), Languages.primary(root.path("language").asText(null)));
    ZoneId zone = Dates.feedZone(lang);
    // Relative links resolve against the feed's own address; for a local file, against the
    // address the feed says it lives at.
    String feedUrl = Links.web(root.path("feed_url").asText(null));
    String base =
        Links.web(baseUrl) != null
            ? Text.firstNonNull(feedUrl, baseUrl)
            : Text.firstNonNull(
                feedUrl, Links.web(root.path("home_page_url").asText(null)), baseUrl);
    Entries out = new Entries(maxEntries);
    for (JsonNode item : root.path("items")) {
      if (out.full()) {
        break;
      }
      String itemLang =
          Text.firstNonNull(Languages.primary(item.path("language").asText(null)), lang);
      // JSON Feed titles are plain text: markup in one is text, but an escaped entity is still
      // read once, as in the other formats.
      String title = Text.unescaped(item.path("title").asText(""), MAX_TITLE_CHARS);
      // The summary first, as in the other formats; the full content when there is none.
      String summary = Text.plain(item.path("summary").asText(""), MAX_SUMMARY_CHARS);
      if (summary.isEmpty()) {
        summary = Text.plain(item.path("content_text").asText(""), MAX_SUMMARY_CHARS);
      }
      if (summary.isEmpty()) {
        summary = Text.fromHtml(item.path("content_html").asText(""), MAX_SUMMARY_CHARS);
      }
      Entries.Link link = Entries.link(item.path("url").asText(null), base);
      if (link.canonical() == null) {
        link = Entries.link(item.path("external_url").asText(null), base);
      }
      String rawDate =
          Text.firstNonNull(
              Text.blankToNull(item.path("date_published").asText(null)),
              Text.blankToNull(item.path("date_modified").asText(null)));
      Dates.Result date = Dates.parse(rawDate, zone);
      Instant published =
          date.verdict() == Dates.Verdict.PARSED ? Dates.sane(date.instant(), fetched) : null;
      String guid = item.hasNonNull("id") ? item.get("id").asText() : null;
      out.add(new Entries.Draft(guid, title, summary, link, rawDate, published, itemLang));
    }
    String format = version.endsWith("1.1") ? "json_1.1" : "json_1.0";
    FeedInfo info =
        new FeedInfo(
            Text.blankToNull(Text.unescaped(root.path("title").asText(""), MAX_TITLE_CHARS)),
            Entries.link(root.path("home_page_url").asText(null), base).canonical(),
            lang,
            format);
    return new ParsedFeed(info, out.list());
  }
}
