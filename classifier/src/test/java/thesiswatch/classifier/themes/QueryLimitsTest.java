package thesiswatch.classifier.themes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import thesiswatch.classifier.Fixtures;

/** Themes files over the cost limits are refused before they tag anything, with exact messages. */
class QueryLimitsTest {

  /** A one-theme file whose English topic query is {@code query}, YAML-quoted. */
  static byte[] file(String query) {
    return themes(List.of(query));
  }

  static byte[] themes(List<String> englishQueries) {
    StringBuilder yaml = new StringBuilder("themes:\n");
    for (int i = 0; i < englishQueries.size(); i++) {
      yaml.append("  - id: t")
          .append(i)
          .append("\n    name: {zh: 主题, en: Theme}\n    claim: {zh: 主张, en: Claim}\n")
          .append("    direction: rising\n    queries: {zh: ['裁员'], en: ['")
          .append(englishQueries.get(i).replace("'", "''"))
          .append("']}\n");
    }
    return yaml.toString().getBytes(StandardCharsets.UTF_8);
  }

  static void refused(byte[] file, String problem) {
    assertThatThrownBy(() -> ThemeSet.parse(file, "test.yml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("themes file test.yml" + problem);
  }

  @Test
  void thirtyThousandNestedParenthesesAreRefusedBeforeAnyParserRecurses() {
    String query = "(".repeat(30_000) + "layoffs" + ")".repeat(30_000);
    refused(
        file(query),
        ": theme 't0': query '"
            + "(".repeat(77)
            + "…' (queries.en) nests groups 30000 deep (limit 10)");
  }

  @Test
  void parenthesesInsideQuotesOrEscapedAreNotGroups() {
    String quoted = "\"" + "(".repeat(40) + "\" OR layoffs OR \\(\\(\\(\\(\\(\\(\\(\\(\\(\\(\\( ";
    assertThat(QueryLimits.checkText(quoted)).isNull();
    assertThat(QueryLimits.checkText("((((((((((a))))))))))")).isNull();
    assertThat(QueryLimits.checkText("(((((((((((a)))))))))))"))
        .isEqualTo("nests groups 11 deep (limit 10)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a* | has the pattern 'en:a*', with fewer than 2 characters before its first wildcard: it"
            + " would match nearly every article",
        "l?yoff | has the pattern 'en:l?yoff', with fewer than 2 characters before its first"
            + " wildcard: it would match nearly every article",
        "lay~ | has the fuzzy term 'lay~', shorter than 4 characters: it would match nearly any"
            + " short word",
        "[a TO z] | has a range (en:[a TO z]), which theme queries may not use",
        "*:* | matches every article (*:*)",
        "layoffs~ OR hiring~ OR firing~ OR redundancy~ OR furlough~ | has 5 fuzzy, wildcard or"
            + " regular-expression terms (limit 4)",
      })
  void aCostlyOrMatchEverythingQueryIsRefused(String query, String problem) {
    refused(file(query), ": theme 't0': query '" + query + "' (queries.en) " + problem);
  }

  @Test
  void aQueryWithTooManyClausesIsRefused() {
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < 129; i++) {
      terms.add("term" + i);
    }
    String query = String.join(" OR ", terms);
    refused(
        file(query),
        ": theme 't0': query "
            + QueryLimits.quote(query)
            + " (queries.en) has 129 clauses (limit 128)");
  }

  @Test
  void aLongQueryIsRefused() {
    String query = "layoffs OR " + "x".repeat(2_000);
    refused(
        file(query),
        ": theme 't0': query "
            + QueryLimits.quote(query)
            + " (queries.en) is 2011 characters long (limit 2000)");
  }

  @Test
  void tooManyMultiTermClausesInAllAreRefused() {
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      queries.add("layoff" + i + "* OR hiring" + i + "* OR furlough" + i + "* OR firing" + i + "*");
    }
    refused(
        themes(queries), ": has 24 fuzzy, wildcard or regular-expression terms in all (limit 20)");
  }

  @Test
  void tooManyThemesAreRefused() {
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      queries.add("layoffs");
    }
    refused(themes(queries), ": defines 51 themes (limit 50)");
  }

  @Test
  void aQueryMatchingMostProbeHeadlinesIsRefused() {
    refused(
        file("/[a-z]+/"),
        ": theme 't0': query '/[a-z]+/' (queries.en) matches 30 of 30 probe headlines: it would"
            + " tag nearly every article (limit: half)");
    refused(
        file(
            "rain OR marathon OR museum OR bakery OR comet OR football OR farmers OR library OR"
                + " astronomers OR orchestra OR bridge OR snowstorm OR chef OR tennis OR zoo OR"
                + " film"),
        ": theme 't0': query 'rain OR marathon OR museum OR bakery OR comet OR football OR farmers"
            + " OR libra…' (queries.en) matches 16 of 30 probe headlines: it would tag nearly"
            + " every article (limit: half)");
  }

  @Test
  void theShippedAndFixtureThemesAreWithinEveryLimit() throws Exception {
    assertThat(ThemeSet.load(Fixtures.SHIPPED_THEMES).themes()).hasSize(5);
    assertThat(ThemeSet.load(Fixtures.THEMES).themes()).isNotEmpty();
  }
}
