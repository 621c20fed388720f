package thesiswatch.dashboard.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

/** The search box's parser: parsed queries are kept; a text over a cap is refused every time. */
class UserQueryParserTest {

  private static final Map<String, Float> EN = Map.of(ArticleSchema.TITLE_EN, 2f);
  private static final Map<String, Float> ZH = Map.of(ArticleSchema.TITLE_ZH, 2f);

  @Test
  void theSameTextParsesOnceAndIsThenServedFromMemory() {
    try (Analyzer analyzer = ArticleSchema.analyzer()) {
      UserQueryParser parser = new UserQueryParser(analyzer, EN, ZH);
      Query first = parser.parse("layoffs 裁员");
      assertThat(parser.parse("layoffs 裁员")).isSameAs(first);
      assertThat(parser.parse("layoffs")).isNotSameAs(first).isNotEqualTo(first);
    }
  }

  @Test
  void aTextOverACapIsRefusedEveryTimeAndNeverKept() {
    try (Analyzer analyzer = ArticleSchema.analyzer()) {
      UserQueryParser parser = new UserQueryParser(analyzer, EN, ZH);
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> parser.parse("*off"))
            .isInstanceOf(BadQueryException.class)
            .hasMessageContaining("starts with a wildcard");
      }
    }
  }

  @Test
  void aTextWithNoWordThatIsSearchedIsRefusedInsteadOfFindingNothing() {
    try (Analyzer analyzer = ArticleSchema.analyzer()) {
      UserQueryParser parser = new UserQueryParser(analyzer, EN, ZH);
      // Stop words, an empty phrase, operators or punctuation alone: nothing is left to search.
      for (String text : new String[] {"the", "the of", "\"\"", "OR", "NOT the", "，。", "the~2"}) {
        assertThatThrownBy(() -> parser.parse(text))
            .as(text)
            .isInstanceOfSatisfying(
                BadQueryException.class, e -> assertThat(e.kind()).isEqualTo("no_search_terms"))
            .hasMessage(
                "'"
                    + text
                    + "' has no word to search: stop words such as the and of, punctuation and"
                    + " operators alone are not searched; leave q out to list every article");
      }
    }
  }

  @Test
  void theLeastRecentlyUsedTextMakesWayPastTheLimit() {
    try (Analyzer analyzer = ArticleSchema.analyzer()) {
      UserQueryParser parser = new UserQueryParser(analyzer, EN, ZH);
      Query kept = parser.parse("kept");
      Query dropped = parser.parse("dropped");
      for (int i = 0; i < UserQueryParser.PARSED_QUERIES - 1; i++) {
        parser.parse("word" + i);
        parser.parse("kept"); // used again and again: stays
      }
      // One text too many: the least recently used one, "dropped", was parsed afresh.
      assertThat(parser.parse("kept")).isSameAs(kept);
      assertThat(parser.parse("dropped")).isNotSameAs(dropped).isEqualTo(dropped);
    }
  }
}
