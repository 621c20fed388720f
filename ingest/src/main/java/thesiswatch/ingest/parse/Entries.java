package thesiswatch.ingest.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import thesiswatch.common.ArticleIds;
import thesiswatch.common.Languages;

/**
 * A feed's entries as its parser finds them, whatever the format: the first entry of each id kept,
 * in document order, at most the entry cap; and how one entry's fields become a {@link FeedEntry}
 * (length caps, fallback title, id, language guess).
 */
final class Entries {

  /** Longest title kept, in characters. */
  static final int MAX_TITLE_CHARS = 1_000;

  /** Longest summary kept, in characters: enough to classify, small enough for one Kafka record. */
  static final int MAX_SUMMARY_CHARS = 10_000;

  /** Length of a title made from the summary when the entry has none. */
  private static final int FALLBACK_TITLE_CHARS = 100;

  private final int max;
  private final Map<String, FeedEntry> byId = new LinkedHashMap<>();

  Entries(int max) {
    this.max = max;
  }

  /** Whether the cap is reached: further entries are not read. */
  boolean full() {
    return byId.size() >= max;
  }

  /** Keeps {@code entry} unless an entry with its id came first. */
  void add(FeedEntry entry) {
    byId.putIfAbsent(entry.id(), entry);
  }

  List<FeedEntry> list() {
    return new ArrayList<>(byId.values());
  }

  /** One entry from its normalised fields: a blank title falls back to the summary's start. */
  static FeedEntry entry(
      String guid,
      String title,
      String summary,
      String link,
      String rawDate,
      Instant published,
      String lang) {
    String headline = title.isBlank() ? Text.plain(summary, FALLBACK_TITLE_CHARS) : title;
    String id = ArticleIds.idFor(link, guid, headline, rawDate == null ? "" : rawDate.strip());
    String entryLang = lang != null ? lang : Languages.guess(headline + summary);
    return new FeedEntry(id, Text.blankToNull(guid), headline, link, summary, published, entryLang);
  }
}
