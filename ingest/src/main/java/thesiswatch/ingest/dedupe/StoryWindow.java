package thesiswatch.ingest.dedupe;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import thesiswatch.common.Article;
import thesiswatch.ingest.limits.RecordLimits;

/**
 * Counts stories, not copies. Remembers recently published stories for a time window and decides,
 * for a poll's articles, which to publish: a new story once; the same story from another feed (same
 * canonical link, hence the same id, or a near-identical normalised title) as an update of the
 * first one with the new feed added to its {@code sources} (at most {@link
 * RecordLimits#MAX_SOURCES}); a changed title or summary as an update of the same id; anything else
 * already published not at all. Thread-safe.
 */
public final class StoryWindow {

  /** Titles shorter than this (after normalising) are too generic to call two stories the same. */
  static final int MIN_TITLE_KEY_LENGTH = 10;

  /**
   * A trailing " - Outlet" or " | Outlet" of at most this many characters is not part of the
   * story's title.
   */
  private static final int MAX_OUTLET_SUFFIX = 40;

  /** What to do with one poll's articles. */
  public record Admission(List<Article> toPublish, int updated, int crossFeed, int repeated) {}

  private record Story(Article article, Instant added) {}

  private final Duration window;
  private final int maxStories;
  private final LinkedHashMap<String, Story> byId = new LinkedHashMap<>();
  private final Map<String, String> idByTitle = new HashMap<>();

  /** A window remembering stories for {@code window}, at most {@code maxStories} of them. */
  public StoryWindow(Duration window, int maxStories) {
    this.window = Objects.requireNonNull(window, "window must not be null");
    if (maxStories < 1) {
      throw new IllegalArgumentException("max stories must be positive: " + maxStories);
    }
    this.maxStories = maxStories;
  }

  /**
   * Decides what to publish of {@code articles}, all from one feed, and remembers it.
   *
   * @param seenByFeed ids this feed published before (they survive restarts; this window does not)
   * @param now the poll time, for the window
   */
  public synchronized Admission admit(List<Article> articles, Set<String> seenByFeed, Instant now) {
    evict(now);
    Map<String, Article> out = new LinkedHashMap<>();
    int updated = 0;
    int crossFeed = 0;
    int repeated = 0;
    for (Article article : articles) {
      Story known = byId.get(article.id());
      String titleKey = titleKey(article.title());
      if (known == null && titleKey != null && idByTitle.containsKey(titleKey)) {
        known = byId.get(idByTitle.get(titleKey));
      }
      if (known == null) {
        if (seenByFeed.contains(article.id())) {
          repeated++;
          continue;
        }
        remember(article, now);
        out.put(article.id(), article);
        continue;
      }
      Article first = out.getOrDefault(known.article().id(), known.article());
      boolean sameFeed =
          first.feedUrl().equals(article.feedUrl()) || first.sources().contains(article.feedUrl());
      if (!sameFeed && first.sources().size() >= RecordLimits.MAX_SOURCES) {
        // The story already names as many other feeds as a record holds: nothing new to publish.
        repeated++;
      } else if (!sameFeed) {
        List<String> sources = new ArrayList<>(first.sources());
        sources.add(article.feedUrl());
        Article merged = withContent(first, first.title(), first.summary(), sources);
        remember(merged, known.added());
        out.put(merged.id(), merged);
        crossFeed++;
      } else if (first.id().equals(article.id())
          && first.feedUrl().equals(article.feedUrl())
          && (!first.title().equals(article.title())
              || !first.summary().equals(article.summary()))) {
        Article changed = withContent(first, article.title(), article.summary(), first.sources());
        remember(changed, known.added());
        out.put(changed.id(), changed);
        updated++;
      } else {
        repeated++;
      }
    }
    return new Admission(List.copyOf(out.values()), updated, crossFeed, repeated);
  }

  /**
   * Remembers an article read back from Kafka at start (newer records of the same id replace older
   * ones, as they did when they were published).
   */
  public synchronized void restore(Article article) {
    remember(article, article.fetched());
  }

  /**
   * Forgets the stories {@code articles} admitted, whose poll Kafka refused: they were never
   * published, so the next poll must offer them again instead of taking them for repeats.
   */
  public synchronized void forget(List<Article> articles) {
    for (Article article : articles) {
      Story story = byId.remove(article.id());
      if (story != null) {
        String key = titleKey(story.article().title());
        if (key != null && article.id().equals(idByTitle.get(key))) {
          idByTitle.remove(key);
        }
      }
    }
  }

  /** How many stories are remembered. */
  public synchronized int size() {
    return byId.size();
  }

  private void remember(Article article, Instant added) {
    Story previous = byId.put(article.id(), new Story(article, added));
    if (previous != null) {
      String oldKey = titleKey(previous.article().title());
      if (oldKey != null && article.id().equals(idByTitle.get(oldKey))) {
        idByTitle.remove(oldKey);
      }
    }
    String key = titleKey(article.title());
    if (key != null) {
      idByTitle.putIfAbsent(key, article.id());
    }
  }

  private void evict(Instant now) {
    Instant oldest = now.minus(window);
    Iterator<Story> it = byId.values().iterator();
    while (it.hasNext()) {
      Story story = it.next();
      if (byId.size() <= maxStories && !story.added().isBefore(oldest)) {
        break; // insertion order: the rest are newer
      }
      it.remove();
      String key = titleKey(story.article().title());
      if (key != null && story.article().id().equals(idByTitle.get(key))) {
        idByTitle.remove(key);
      }
    }
  }

  private static Article withContent(
      Article a, String title, String summary, List<String> sources) {
    return new Article(
        a.schemaVersion(),
        a.id(),
        a.guid(),
        title,
        a.link(),
        summary,
        a.published(),
        a.fetched(),
        a.lang(),
        a.feedUrl(),
        a.feedTitle(),
        sources,
        a.backfill());
  }

  /**
   * The normalised title two copies of a story share: compatibility-normalised, lower-cased,
   * letters and digits only, a short trailing outlet name dropped (not a trailing number: {@link
   * #endsWithDigit}); null when too short to trust.
   */
  static String titleKey(String title) {
    String text = Normalizer.normalize(title, Normalizer.Form.NFKC);
    for (String separator : List.of(" - ", " | ", " – ", " — ")) {
      int at = text.lastIndexOf(separator);
      String suffix = text.substring(at + separator.length()).strip();
      if (at > 0
          && suffix.length() <= MAX_OUTLET_SUFFIX
          && !endsWithDigit(suffix)
          && key(text.substring(0, at)).length() >= MIN_TITLE_KEY_LENGTH) {
        text = text.substring(0, at);
        break;
      }
    }
    String key = key(text);
    return key.length() >= MIN_TITLE_KEY_LENGTH ? key : null;
  }

  /**
   * A suffix ending in a number ("Part 2", "Day 3", "2") numbers an instalment of a series; it is
   * not an outlet's name, and dropping it would take part 2 for a copy of part 1 and lose it.
   */
  private static boolean endsWithDigit(String suffix) {
    return !suffix.isEmpty() && Character.isDigit(suffix.codePointBefore(suffix.length()));
  }

  private static String key(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .filter(Character::isLetterOrDigit)
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
