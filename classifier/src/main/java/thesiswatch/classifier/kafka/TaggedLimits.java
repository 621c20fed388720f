package thesiswatch.classifier.kafka;

import java.util.ArrayList;
import java.util.List;
import thesiswatch.classifier.themes.QueryLimits;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillOrigin;
import thesiswatch.common.ThemeMatch;

/**
 * The bounds of every record the classifier makes, so that none can pass the broker's default limit
 * of 1 MiB ({@code message.max.bytes}), whatever the {@code articles} record it came from held. The
 * article is bounded before it is matched (so a snippet is cut from bounded text), each theme match
 * after:
 *
 * <ul>
 *   <li>title {@value #MAX_TITLE_CHARS} characters, summary {@value #MAX_SUMMARY_CHARS}, guid and
 *       link {@value #MAX_LINK_CHARS} each, feed title {@value #MAX_FEED_TITLE_CHARS}, feed URL
 *       {@value #MAX_LINK_CHARS}, language {@value #MAX_LANG_CHARS}, at most {@value #MAX_SOURCES}
 *       sources of {@value #MAX_LINK_CHARS} characters; a backfill's source {@value
 *       #MAX_BACKFILL_SOURCE_CHARS} and origin {@value #MAX_LINK_CHARS} (the provenance is kept);
 *   <li>per theme, a snippet of {@value #MAX_SNIPPET_CHARS} characters and at most {@value
 *       #MAX_MATCHED_TERMS} matched terms of {@value #MAX_TERM_CHARS} characters, what decided its
 *       stance in {@value #MAX_STANCE_BY_CHARS}; at most {@link QueryLimits#MAX_THEMES} themes (the
 *       themes file allows no more).
 * </ul>
 *
 * <p>An article id longer than {@value #MAX_ID_CHARS} characters is not cut (ids are keys, and two
 * cut ids could collide): the record is dead-lettered. Worst case, with every character one that
 * JSON escapes to six bytes, a tagged record is 654,382 bytes (see {@code BatchTaggerTest}).
 */
public final class TaggedLimits {

  /** Longest title kept (ingest's own cap). */
  public static final int MAX_TITLE_CHARS = 1_000;

  /** Longest summary kept (ingest's own cap). */
  public static final int MAX_SUMMARY_CHARS = 10_000;

  /** Longest guid, link, feed URL or source URL kept. */
  public static final int MAX_LINK_CHARS = 2_048;

  /** Longest feed title kept. */
  public static final int MAX_FEED_TITLE_CHARS = 300;

  /** Longest language tag kept (BCP 47 tags are shorter). */
  public static final int MAX_LANG_CHARS = 35;

  /** Most sources kept. */
  public static final int MAX_SOURCES = 20;

  /** Longest article id accepted; longer ones are dead-lettered, never cut. */
  public static final int MAX_ID_CHARS = 256;

  /** Longest backfill source name kept ({@code archive}, {@code warc}, ...). */
  public static final int MAX_BACKFILL_SOURCE_CHARS = 16;

  /** Longest record of what decided a theme's stance (query ids are short). */
  public static final int MAX_STANCE_BY_CHARS = 100;

  /** Longest snippet kept per theme. */
  public static final int MAX_SNIPPET_CHARS = 300;

  /** Most matched terms kept per theme, in order of appearance. */
  public static final int MAX_MATCHED_TERMS = 10;

  /** Longest matched term kept. */
  public static final int MAX_TERM_CHARS = 50;

  private TaggedLimits() {}

  /**
   * {@code article} with every text field within its cap.
   *
   * @throws IllegalArgumentException when its id is longer than {@value #MAX_ID_CHARS}
   */
  public static Article bounded(Article article) {
    if (article.id().length() > MAX_ID_CHARS) {
      throw new IllegalArgumentException(
          "article id of " + article.id().length() + " characters (limit " + MAX_ID_CHARS + ")");
    }
    List<String> sources = article.sources();
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < Math.min(sources.size(), MAX_SOURCES); i++) {
      kept.add(cap(sources.get(i), MAX_LINK_CHARS));
    }
    return new Article(
        article.schemaVersion(),
        article.id(),
        cap(article.guid(), MAX_LINK_CHARS),
        cap(article.title(), MAX_TITLE_CHARS),
        cap(article.link(), MAX_LINK_CHARS),
        cap(article.summary(), MAX_SUMMARY_CHARS),
        article.published(),
        article.fetched(),
        cap(article.lang(), MAX_LANG_CHARS),
        cap(article.feedUrl(), MAX_LINK_CHARS),
        cap(article.feedTitle(), MAX_FEED_TITLE_CHARS),
        kept,
        bounded(article.backfill()));
  }

  /** A backfill's provenance with its source and origin within their caps; null stays null. */
  static BackfillOrigin bounded(BackfillOrigin origin) {
    if (origin == null) {
      return null;
    }
    return new BackfillOrigin(
        cap(origin.source(), MAX_BACKFILL_SOURCE_CHARS),
        cap(origin.from(), MAX_LINK_CHARS),
        origin.captured());
  }

  /** {@code matches}, at most {@link QueryLimits#MAX_THEMES}, each within its caps. */
  public static List<ThemeMatch> bounded(List<ThemeMatch> matches) {
    List<ThemeMatch> result = new ArrayList<>();
    for (ThemeMatch match : matches.subList(0, Math.min(matches.size(), QueryLimits.MAX_THEMES))) {
      List<String> terms = new ArrayList<>();
      for (String term : match.matched()) {
        if (terms.size() == MAX_MATCHED_TERMS) {
          break;
        }
        terms.add(cap(term, MAX_TERM_CHARS));
      }
      result.add(
          new ThemeMatch(
              match.id(),
              match.score(),
              match.stance(),
              terms,
              cap(match.snippet(), MAX_SNIPPET_CHARS),
              cap(match.stanceBy(), MAX_STANCE_BY_CHARS)));
    }
    return result;
  }

  /** {@code text} cut to at most {@code max} characters, never inside a surrogate pair. */
  static String cap(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
