package thesiswatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import thesiswatch.classifier.analysis.Analyzers;
import thesiswatch.classifier.analysis.Fields;
import thesiswatch.classifier.themes.QueryRole;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.Languages;

/**
 * A headline skips the monitor only when no topic query could be a candidate for it, and then the
 * monitor would have tagged it with nothing: every real text at hand is classified exactly as
 * without the gate, offsets and snippets included, while a good share of them skip the monitor.
 */
class TopicGateTest {

  private static final ThemeSet THEMES = ThemeSet.load(Path.of("../seeds/themes.yml"));

  private static final Analyzer ANALYZER = Analyzers.perField();

  private static final List<String> ENGLISH = List.of(Fields.EN);

  private static TopicGate gate(Query... topicQueries) {
    List<Query> queries = List.of(topicQueries);
    List<CustomQueryHandler> handlers = List.of(RegexpTerms.of(queries));
    return TopicGate.of(
        queries,
        new TermFilteredPresearcher(TermWeightor.DEFAULT, handlers, Set.of()),
        handlers,
        Set.of(Fields.ZH, Fields.ZH_BIGRAM, Fields.EN));
  }

  @Test
  void classifiesEveryTextExactlyAsWithoutTheGate() {
    List<Headline> headlines = SampleTexts.all();
    int tagged = 0;
    try (ThemeMatcher gated = ThemeMatcher.of(THEMES);
        ThemeMatcher ungated =
            ThemeMatcher.of(
                THEMES,
                WordFieldGate.of(THEMES.queries().stream().map(q -> q.query()).toList()),
                false)) {
      for (Headline headline : headlines) {
        Classification expected = ungated.classify(headline);
        assertThat(gated.classify(headline)).as(headline.text()).isEqualTo(expected);
        tagged += expected.themes().isEmpty() ? 0 : 1;
      }
    }
    // Enough texts, tagged and not, for the comparison to say something.
    assertThat(headlines).hasSizeGreaterThan(1_000);
    assertThat(tagged).isGreaterThan(400).isLessThan(headlines.size() - 300);
  }

  @Test
  void closesOnAGoodShareOfRealTexts() {
    TopicGate shipped =
        gate(
            THEMES.queries().stream()
                .filter(q -> q.role() == QueryRole.TOPIC)
                .map(q -> q.query())
                .toArray(Query[]::new));
    List<Headline> headlines = SampleTexts.all();
    long closed =
        headlines.stream()
            .filter(h -> shipped.document(ANALYZER, h.text(), fields(h.text())) == null)
            .count();
    // About a third of the dev set and the sample feeds: texts with none of the topics' terms.
    assertThat(closed).isGreaterThan(headlines.size() / 5);
  }

  private static List<String> fields(String text) {
    return Languages.detect(text).chinese()
        ? List.of(Fields.ZH, Fields.ZH_BIGRAM, Fields.EN)
        : ENGLISH;
  }

  @Test
  void opensOnlyOnATermAQueryIsIndexedUnder() {
    Query layoffs = new TermQuery(new Term(Fields.EN, "layoff"));
    TopicGate gate = gate(layoffs);
    assertThat(gate.document(ANALYZER, "Layoffs at the chip maker", ENGLISH)).isNotNull();
    assertThat(gate.document(ANALYZER, "The chip maker cuts prices", ENGLISH)).isNull();
  }

  @Test
  void aConjunctionOpensOnTheTermItIsIndexedUnderAlone() {
    // The presearcher indexes a conjunction under one of its clauses (the longer term by default).
    Query both =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Fields.EN, "ai")), BooleanClause.Occur.MUST)
            .add(new TermQuery(new Term(Fields.EN, "layoff")), BooleanClause.Occur.MUST)
            .build();
    TopicGate gate = gate(both);
    assertThat(gate.document(ANALYZER, "Layoffs at the chip maker", ENGLISH)).isNotNull();
    assertThat(gate.document(ANALYZER, "AI at the chip maker", ENGLISH)).isNull();
  }

  @Test
  void aRegularExpressionOpensOnATermItMatches() {
    TopicGate gate = gate(new RegexpQuery(new Term(Fields.EN, "[1-9][0-9][0-9](m|mn)")));
    assertThat(gate.document(ANALYZER, "Startup raises 250m", ENGLISH)).isNotNull();
    assertThat(gate.document(ANALYZER, "Startup raises 25m", ENGLISH)).isNull();
  }

  @Test
  void aQueryIndexedUnderAnyTokenHoldsTheGateOpen() {
    TopicGate gate = gate(new TermQuery(new Term(Fields.EN, "layoff")), new MatchAllDocsQuery());
    assertThat(gate.document(ANALYZER, "The chip maker cuts prices", ENGLISH)).isNotNull();
    assertThat(TopicGate.ALWAYS_OPEN.document(ANALYZER, "anything", ENGLISH)).isNotNull();
  }
}
