package thesiswatch.ingest.parse;

import static thesiswatch.ingest.parse.Entries.MAX_SUMMARY_CHARS;
import static thesiswatch.ingest.parse.Entries.MAX_TITLE_CHARS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import thesiswatch.common.Json;
import thesiswatch.common.Languages;
import thesiswatch.common.Links;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/** JSON Feed 1.0 and 1.1, read with Jackson. */
final class JsonFeedParser {

  private final int maxEntries;

  JsonFeedParser(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /**
   * Parses the decoded text of a JSON Feed.
   *
   * @throws FeedFault {@code not_a_feed} or {@code invalid_xml} (invalid JSON)
   */
  ParsedFeed parse(String text, String baseUrl, String langHint, Instant fetched) throws FeedFault {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
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
    String base = Text.firstNonNull(Text.blankToNull(root.path("feed_url").asText(null)), baseUrl);
    Entries out = new Entries(maxEntries);
    for (JsonNode item : root.path("items")) {
      if (out.full()) {
        break;
      }
      String itemLang =
          Text.firstNonNull(Languages.primary(item.path("language").asText(null)), lang);
      String title = Text.fromHtml(item.path("title").asText(""), MAX_TITLE_CHARS);
      String summary =
          item.hasNonNull("content_text")
              ? Text.plain(item.path("content_text").asText(""), MAX_SUMMARY_CHARS)
              : item.hasNonNull("summary")
                  ? Text.plain(item.path("summary").asText(""), MAX_SUMMARY_CHARS)
                  : Text.fromHtml(item.path("content_html").asText(""), MAX_SUMMARY_CHARS);
      String link =
          Text.firstNonNull(
              Links.resolve(item.path("url").asText(null), base),
              Links.resolve(item.path("external_url").asText(null), base));
      String rawDate =
          Text.firstNonNull(
              Text.blankToNull(item.path("date_published").asText(null)),
              Text.blankToNull(item.path("date_modified").asText(null)));
      Dates.Result date = Dates.parse(rawDate, zone);
      Instant published =
          date.verdict() == Dates.Verdict.PARSED ? Dates.sane(date.instant(), fetched) : null;
      String guid = item.hasNonNull("id") ? item.get("id").asText() : null;
      out.add(Entries.entry(guid, title, summary, link, rawDate, published, itemLang));
    }
    String format = version.endsWith("1.1") ? "json_1.1" : "json_1.0";
    FeedInfo info =
        new FeedInfo(
            Text.blankToNull(Text.fromHtml(root.path("title").asText(""), MAX_TITLE_CHARS)),
            Links.resolve(root.path("home_page_url").asText(null), base),
            lang,
            format);
    return new ParsedFeed(info, out.list());
  }
}
