package thesiswatch.classifier.match;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.monitor.QueryMatch;

/**
 * A theme query that matched one headline, with where it matched: character spans of the text the
 * headline was matched as (empty for stance queries, whose position nobody shows).
 */
final class SpanMatch extends QueryMatch {

  private final List<ThemeMatcher.Span> spans;

  SpanMatch(String queryId, List<ThemeMatcher.Span> spans) {
    super(queryId);
    this.spans = spans;
  }

  List<ThemeMatcher.Span> spans() {
    return spans;
  }

  /** Both matches' spans: several parts (disjuncts) of one query can match the same headline. */
  SpanMatch merge(SpanMatch other) {
    if (other.spans.isEmpty()) {
      return this;
    }
    if (spans.isEmpty()) {
      return other;
    }
    List<ThemeMatcher.Span> all = new ArrayList<>(spans.size() + other.spans.size());
    all.addAll(spans);
    all.addAll(other.spans);
    return new SpanMatch(getQueryId(), all);
  }
}
