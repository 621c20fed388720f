package thesiswatch.classifier.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import thesiswatch.classifier.themes.QueryRole;
import thesiswatch.classifier.themes.ThemeQuery;

/**
 * Runs each candidate query the monitor's presearcher picked, and only for the documents it matches
 * asks Lucene's Matches API where: one pass gives both which queries match and the matched terms'
 * offsets. (Monitor's own {@code HighlightsMatch} asks for matches in every document of a batch for
 * every candidate query.)
 *
 * <p>Stance queries run last, and only for themes one of whose topic queries matched: a stance
 * never tags a headline by itself, so a stance query of a theme the headline is not about would be
 * run for nothing (about a fifth of the candidate runs over the development set).
 */
final class SpanMatcher extends CandidateMatcher<SpanMatch> {

  private final Map<String, ThemeQuery> queries;
  private final RewriteCache rewrites;
  private final Set<String> themesMatched = new HashSet<>();
  private final List<Deferred> stanceCandidates = new ArrayList<>();

  /**
   * @param searcher the monitor's searcher over the documents being matched
   * @param queries the theme set's queries by id: topic queries report their spans, stance queries
   *     only that they matched
   * @param rewrites rewritten forms of the monitor's queries, shared by every match
   */
  SpanMatcher(IndexSearcher searcher, Map<String, ThemeQuery> queries, RewriteCache rewrites) {
    super(searcher);
    this.queries = queries;
    this.rewrites = rewrites;
    // Each query runs once per document: caching its results or tracking its use is pure overhead.
    searcher.setQueryCache(null);
  }

  @Override
  protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata)
      throws IOException {
    ThemeQuery query = queries.get(queryId);
    if (query.role() != QueryRole.TOPIC) {
      stanceCandidates.add(new Deferred(query, matchQuery));
    } else if (run(queryId, matchQuery, true)) {
      themesMatched.add(query.themeId());
    }
  }

  /** Runs the stance candidates of the themes whose topics matched, now that all are known. */
  @Override
  protected void doFinish() {
    for (Deferred stance : stanceCandidates) {
      if (themesMatched.contains(stance.query().themeId())) {
        try {
          run(stance.query().id(), stance.matchQuery(), false);
        } catch (IOException e) {
          // Over an in-memory index; the monitor's own runs report such a failure as an error.
          throw new UncheckedIOException("stance query " + stance.query().id() + " failed", e);
        }
      }
    }
  }

  /** Adds the query's matches, with their spans when {@code wantSpans}; true if any matched. */
  private boolean run(String queryId, Query matchQuery, boolean wantSpans) throws IOException {
    Weight weight =
        searcher.createWeight(
            rewrites.rewrite(searcher, matchQuery), ScoreMode.COMPLETE_NO_SCORES, 1f);
    boolean matched = false;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      DocIdSetIterator docs = scorer.iterator();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        List<ThemeMatcher.Span> spans = wantSpans ? spans(weight, leaf, doc) : List.of();
        addMatch(new SpanMatch(queryId, spans), leaf.docBase + doc);
        matched = true;
      }
    }
    return matched;
  }

  @Override
  public SpanMatch resolve(SpanMatch match1, SpanMatch match2) {
    return match1.merge(match2);
  }

  private static List<ThemeMatcher.Span> spans(Weight weight, LeafReaderContext leaf, int doc)
      throws IOException {
    Matches matches = weight.matches(leaf, doc);
    if (matches == null) {
      return List.of();
    }
    List<ThemeMatcher.Span> spans = new ArrayList<>(2);
    for (String field : matches) {
      MatchesIterator iterator = matches.getMatches(field);
      while (iterator != null && iterator.next()) {
        int start = iterator.startOffset();
        int end = iterator.endOffset();
        if (start >= 0 && start < end) {
          spans.add(new ThemeMatcher.Span(start, end));
        }
      }
    }
    return spans;
  }

  /** A stance query the presearcher picked, run once the topics are known. */
  private record Deferred(ThemeQuery query, Query matchQuery) {}
}
