package thesiswatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;

/**
 * A regular expression is a candidate to be run only for a document with a term it matches, and the
 * monitor matches what it matched with Lucene's default presearcher.
 */
class RegexpTermsTest {

  private static final String FIELD = "en";

  private static final Query AMOUNT = new RegexpQuery(new Term(FIELD, "[1-9][0-9][0-9](m|mn)"));
  private static final Query NUMBER_AND_MILLION =
      new BooleanQuery.Builder()
          .add(new RegexpQuery(new Term(FIELD, "[1-9][0-9][0-9]")), BooleanClause.Occur.MUST)
          .add(new TermQuery(new Term(FIELD, "million")), BooleanClause.Occur.MUST)
          .build();

  private static final List<String> HEADLINES =
      List.of(
          "Startup raises 250m in a record round",
          "Startup raises 250mn from investors",
          "Startup raises 250 million",
          "Startup raises 25m",
          "Startup raises a million",
          "Funding falls for the third quarter",
          "Startup raises 250 and 300m");

  private static Monitor monitor(List<Query> known, Query... registered) throws IOException {
    Monitor monitor =
        new Monitor(
            new StandardAnalyzer(),
            new TermFilteredPresearcher(
                TermWeightor.DEFAULT, List.of(RegexpTerms.of(known)), Set.of()));
    for (int i = 0; i < registered.length; i++) {
      monitor.register(new MonitorQuery("q" + i, registered[i]));
    }
    return monitor;
  }

  private static Document document(String text) {
    Document document = new Document();
    document.add(new TextField(FIELD, text, Field.Store.NO));
    return document;
  }

  private static Set<String> matched(MatchingQueries<QueryMatch> matches) {
    return matches.getMatches().stream().map(QueryMatch::getQueryId).collect(Collectors.toSet());
  }

  @Test
  void aRegexpIsRunOnlyForADocumentWithATermItMatches() throws IOException {
    try (Monitor monitor = monitor(List.of(AMOUNT), AMOUNT)) {
      MatchingQueries<QueryMatch> amount =
          monitor.match(
              document("Startup raises 250m in a record round"), QueryMatch.SIMPLE_MATCHER);
      MatchingQueries<QueryMatch> none =
          monitor.match(document("Funding falls for the third quarter"), QueryMatch.SIMPLE_MATCHER);
      MatchingQueries<QueryMatch> tooShort =
          monitor.match(document("Startup raises 25m"), QueryMatch.SIMPLE_MATCHER);

      assertThat(amount.getQueriesRun()).isEqualTo(1);
      assertThat(matched(amount)).containsExactly("q0");
      assertThat(none.getQueriesRun()).isZero();
      assertThat(tooShort.getQueriesRun()).isZero();
    }
  }

  @Test
  void matchesAreThoseOfLucenesDefaultPresearcher() throws IOException {
    Query[] registered = {AMOUNT, NUMBER_AND_MILLION, new TermQuery(new Term(FIELD, "funding"))};
    try (Monitor marked = monitor(List.of(registered), registered);
        Monitor plain = new Monitor(new StandardAnalyzer())) {
      for (int i = 0; i < registered.length; i++) {
        plain.register(new MonitorQuery("q" + i, registered[i]));
      }
      for (String headline : HEADLINES) {
        assertThat(matched(marked.match(document(headline), QueryMatch.SIMPLE_MATCHER)))
            .as(headline)
            .isEqualTo(matched(plain.match(document(headline), QueryMatch.SIMPLE_MATCHER)));
      }
    }
  }

  @Test
  void aRegexpTheHandlerWasNotBuiltForStaysACandidateForEveryDocument() throws IOException {
    // The safe default: a query it does not know is run, never silently dropped.
    try (Monitor monitor = monitor(List.of(), AMOUNT)) {
      MatchingQueries<QueryMatch> none =
          monitor.match(document("Funding falls for the third quarter"), QueryMatch.SIMPLE_MATCHER);
      MatchingQueries<QueryMatch> amount =
          monitor.match(document("Startup raises 250m"), QueryMatch.SIMPLE_MATCHER);

      assertThat(none.getQueriesRun()).isEqualTo(1);
      assertThat(matched(amount)).containsExactly("q0");
    }
  }
}
