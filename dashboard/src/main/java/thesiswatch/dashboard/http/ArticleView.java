package thesiswatch.dashboard.http;

import java.time.Instant;
import java.util.List;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.index.IndexedArticle;
import thesiswatch.dashboard.index.SearchPage;
import thesiswatch.dashboard.index.Segment;

/**
 * An article as the API returns it. Text is plain text (the page inserts it as text); the link is
 * null unless it is an absolute {@code http}/{@code https} URL.
 *
 * @param themes the themes with why each matched (score, stance, matched terms, the classifier's snippet)
 * @param titleHighlight the title split into segments, query matches flagged
 * @param summaryHighlight the best summary passage, query matches flagged
 * @param score relevance, or null when sorted by time
 */
record ArticleView(
    String id,
    String title,
    String link,
    String summary,
    Instant published,
    Instant fetched,
    Instant time,
    String lang,
    String source,
    String feedUrl,
    List<ThemeMatch> themes,
    String themeSetVersion,
    List<Segment> titleHighlight,
    List<Segment> summaryHighlight,
    Float score) {

  static ArticleView of(SearchPage.Hit hit) {
    IndexedArticle indexed = hit.article();
    TaggedArticle a = indexed.article();
    return new ArticleView(
        a.id(),
        a.title(),
        indexed.safeLink(),
        a.summary(),
        a.published(),
        a.fetched(),
        a.effectiveTime(),
        indexed.lang(),
        indexed.source(),
        a.feedUrl(),
        a.themes(),
        a.themeSetVersion(),
        hit.title(),
        hit.summary(),
        hit.score());
  }
}
