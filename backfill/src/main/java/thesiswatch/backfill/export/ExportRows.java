package thesiswatch.backfill.export;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import thesiswatch.backfill.ItemArticles;
import thesiswatch.backfill.RawItem;
import thesiswatch.backfill.run.Outcome;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillOrigin;
import thesiswatch.common.Languages;
import thesiswatch.common.Links;
import thesiswatch.ingest.fault.FeedFault;

/**
 * One row of an article export, by column name (any case), as it comes: GDELT's DOC API article
 * lists ({@code url}, {@code url_mobile}, {@code title}, {@code seendate} like {@code
 * 20250210T101500Z}, {@code socialimage}, {@code domain}, {@code language}, {@code sourcecountry})
 * and Media Cloud's story exports ({@code id}, {@code publish_date}, {@code title}, {@code url},
 * {@code language}, {@code media_name}, {@code media_url}, …) load unchanged, and so does any
 * export with a title, a link and a time.
 */
public final class ExportRows {

  static final List<String> TITLE = List.of("title", "headline");
  static final List<String> LINK = List.of("url", "link", "url_mobile", "article_url");
  static final List<String> TIME =
      List.of(
          "seendate",
          "publish_date",
          "published",
          "published_at",
          "pubdate",
          "date_published",
          "date",
          "datetime",
          "timestamp",
          "time");
  static final List<String> SUMMARY = List.of("summary", "description", "snippet");
  static final List<String> LANGUAGE = List.of("language", "lang");
  static final List<String> OUTLET_NAME = List.of("media_name", "source", "domain", "publisher");
  static final List<String> OUTLET_URL = List.of("media_url", "source_url");
  static final List<String> GUID = List.of("guid", "id");

  private static final Pattern GDELT = Pattern.compile("\\d{8}T\\d{6}Z");
  private static final Pattern DIGITS_14 = Pattern.compile("\\d{14}");
  private static final Pattern SPACED = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d.*");
  private static final Pattern ZONELESS =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern EPOCH = Pattern.compile("\\d{10}|\\d{13}");

  private final String kind;
  private final String file;
  private final ItemArticles articles;
  private final Clock clock;

  /** Rows of {@code file}, a {@code kind} export, made articles by {@code articles}. */
  public ExportRows(String kind, String file, ItemArticles articles, Clock clock) {
    this.kind = kind;
    this.file = file;
    this.articles = articles;
    this.clock = clock;
  }

  /** The article of {@code row}, or the classified reason it has none. */
  public Outcome outcome(Map<String, String> row) {
    Map<String, String> columns = new HashMap<>();
    row.forEach(
        (name, value) -> {
          if (name != null && value != null && !value.isBlank()) {
            columns.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), value.strip());
          }
        });
    String title = first(columns, TITLE);
    if (title == null) {
      return Outcome.problem("missing_title");
    }
    String link = first(columns, LINK);
    if (link == null) {
      return Outcome.problem("missing_link");
    }
    if (Links.canonical(link) == null) {
      return Outcome.problem("bad_link");
    }
    String time = first(columns, TIME);
    if (time == null) {
      return Outcome.problem("missing_time");
    }
    String outletName = first(columns, OUTLET_NAME);
    String outletUrl = first(columns, OUTLET_URL);
    if (outletUrl == null || Links.canonical(outletUrl) == null) {
      String domain = columns.get("domain");
      String host = domain != null ? domain : Links.host(link);
      outletUrl = "https://" + host + "/";
    }
    RawItem item =
        new RawItem(
            first(columns, GUID),
            title,
            link,
            first(columns, SUMMARY),
            normaliseTime(time),
            Languages.ofTagOrName(first(columns, LANGUAGE)),
            outletUrl,
            outletName);
    List<Article> found;
    try {
      found = articles.articles(item, clock.instant());
    } catch (FeedFault fault) {
      return Outcome.problem(fault.kind().key());
    }
    if (found.isEmpty()) {
      return Outcome.problem("missing_title");
    }
    if (found.get(0).published() == null) {
      return Outcome.problem("bad_time");
    }
    BackfillOrigin origin = new BackfillOrigin(kind, file, null);
    return Outcome.of(found.stream().map(a -> a.backfilled(origin)).toList());
  }

  /**
   * {@code time} in a form ingest's date parser reads without guessing: GDELT's {@code
   * 20250210T101500Z}, 14 digits, epoch seconds or milliseconds and zone-less ISO times (which
   * exports write in UTC) become ISO instants; anything else (RFC 822, ISO with an offset) is left
   * to the parser.
   */
  static String normaliseTime(String time) {
    String t = time.strip();
    try {
      if (GDELT.matcher(t).matches()) {
        return LocalDateTime.parse(t, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
            .toInstant(ZoneOffset.UTC)
            .toString();
      }
      if (DIGITS_14.matcher(t).matches()) {
        return LocalDateTime.parse(t, DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
            .toInstant(ZoneOffset.UTC)
            .toString();
      }
      if (EPOCH.matcher(t).matches()) {
        long n = Long.parseLong(t);
        return (t.length() == 13 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n)).toString();
      }
      if (SPACED.matcher(t).matches()) {
        t = t.replaceFirst(" ", "T");
      }
      if (ZONELESS.matcher(t).matches()) {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toString();
      }
      if (DAY.matcher(t).matches()) {
        return t + "T00:00:00Z";
      }
    } catch (DateTimeParseException e) {
      return time; // the parser says what it makes of it
    }
    return t;
  }

  private static String first(Map<String, String> columns, List<String> names) {
    for (String name : names) {
      String value = columns.get(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
