package thesiswatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;

/** Which term of a phrase the presearcher indexes: the one the fewest of the set's queries use. */
class RareTermWeightorTest {

  private static final String FIELD = "zh_bigram";

  private static Query phrase(String... bigrams) {
    return new PhraseQuery(FIELD, bigrams);
  }

  private static Term term(String text) {
    return new Term(FIELD, text);
  }

  @Test
  void aTermManyQueriesShareWeighsLessThanOneOnlyThisPhraseHas() {
    // 裁员潮, 大裁员 and 裁员计划 all contain the bigram 裁员; only 裁员潮 contains 员潮.
    TermWeightor weightor =
        RareTermWeightor.of(
            List.of(
                phrase("裁员", "员潮"),
                phrase("大裁", "裁员"),
                phrase("裁员", "员计", "计划"),
                new TermQuery(term("裁员"))));

    assertThat(weightor.applyAsDouble(term("员潮")))
        .isGreaterThan(weightor.applyAsDouble(term("裁员")));
    assertThat(weightor.applyAsDouble(term("员潮"))).isEqualTo(weightor.applyAsDouble(term("大裁")));
  }

  @Test
  void aTermTheSetDoesNotUseKeepsLucenesLengthWeightAndAllWeightsArePositive() {
    TermWeightor weightor = RareTermWeightor.of(List.of(phrase("裁员", "员潮")));

    assertThat(weightor.applyAsDouble(term("外卖")))
        .isEqualTo(TermWeightor.DEFAULT.applyAsDouble(term("外卖")));
    assertThat(weightor.applyAsDouble(term("员潮"))).isPositive();
  }

  @Test
  void excludedClausesDoNotCount() {
    // -"rate cut" is never indexed: it must not make "cut" look common.
    Query withExclusion =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term("en", "job")), BooleanClause.Occur.SHOULD)
            .add(new TermQuery(new Term("en", "cut")), BooleanClause.Occur.MUST_NOT)
            .build();
    TermWeightor weightor =
        RareTermWeightor.of(List.of(withExclusion, new TermQuery(new Term("en", "cut"))));

    assertThat(weightor.applyAsDouble(new Term("en", "cut")))
        .isEqualTo(TermWeightor.DEFAULT.applyAsDouble(new Term("en", "cut")));
  }
}
