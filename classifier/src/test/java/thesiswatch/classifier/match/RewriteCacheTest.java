package thesiswatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;

/**
 * A query is rewritten once unless its rewrite depends on the document, and either way it matches
 * each document as a fresh rewrite would.
 */
class RewriteCacheTest {

  private static IndexSearcher searcherOf(String text) {
    MemoryIndex index = new MemoryIndex();
    index.addField("en", text, new StandardAnalyzer());
    return index.createSearcher();
  }

  private static Query layoffsOrCuts(MultiTermQuery.RewriteMethod method) {
    return new BooleanQuery.Builder()
        .add(new PrefixQuery(new Term("en", "layoff"), method), BooleanClause.Occur.SHOULD)
        .add(new TermQuery(new Term("en", "cuts")), BooleanClause.Occur.SHOULD)
        .build();
  }

  private static int matches(RewriteCache cache, Query query, String text) throws IOException {
    IndexSearcher searcher = searcherOf(text);
    return searcher.count(cache.rewrite(searcher, query));
  }

  @Test
  void aPrefixUnderTheParsersConstantScoreRewriteIsRewrittenOnceAndStillMatchesPerDocument()
      throws IOException {
    RewriteCache cache = new RewriteCache();
    Query query = layoffsOrCuts(MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE);

    assertThat(cache.rewrite(searcherOf("layoffs at the firm"), query))
        .isSameAs(cache.rewrite(searcherOf("a hiring spree"), query));
    assertThat(matches(cache, query, "layoffs at the firm")).isEqualTo(1);
    assertThat(matches(cache, query, "a hiring spree")).isZero();
    assertThat(matches(cache, query, "another layoff wave")).isEqualTo(1);
  }

  @Test
  void aPrefixThatExpandsWhenRewrittenIsRewrittenForEveryDocument() throws IOException {
    RewriteCache cache = new RewriteCache();
    Query query = layoffsOrCuts(MultiTermQuery.SCORING_BOOLEAN_REWRITE);

    assertThat(cache.rewrite(searcherOf("layoffs at the firm"), query))
        .isNotSameAs(cache.rewrite(searcherOf("another layoff wave"), query));
    assertThat(matches(cache, query, "layoffs at the firm")).isEqualTo(1);
    assertThat(matches(cache, query, "a hiring spree")).isZero();
    assertThat(matches(cache, query, "another layoff wave")).isEqualTo(1);
  }
}
