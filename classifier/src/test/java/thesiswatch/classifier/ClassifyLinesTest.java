package thesiswatch.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code classify} command's lines, on the frozen fixture theme set. */
class ClassifyLinesTest {

  static final Path THEMES = Fixtures.THEMES;

  @Test
  void classifiesPlainHeadlinesAndJsonObjectsEchoingTheId() {
    try (ClassifyLines lines = new ClassifyLines(THEMES, false)) {
      assertThat(lines.classify("Meta to cut 5% of staff in performance-based layoffs"))
          .isEqualTo(
              "{\"id\":null,\"lang\":\"en\",\"themes\":[{\"id\":\"layoffs\",\"score\":1.0,\"stance\":\"neutral\","
                  + "\"matched\":[\"layoffs\"]}]}");
      assertThat(lines.classify("{\"id\":\"a1\",\"title\":\"外卖骑手收入下降\",\"lang\":\"zh\"}"))
          .isEqualTo(
              "{\"id\":\"a1\",\"lang\":\"zh\",\"themes\":[{\"id\":\"gig_work\",\"score\":3.0,\"stance\":\"supports\","
                  + "\"matched\":[\"外卖\",\"外卖骑手\",\"骑手\"]}]}");
      assertThat(
              lines.classify(
                  "{\"id\":7,\"title\":\"Quarterly update\",\"summary\":\"Acme raises $20 million"
                      + " seed round\"}"))
          .isEqualTo(
              "{\"id\":7,\"lang\":\"en\",\"themes\":[{\"id\":\"vc_funding\",\"score\":1.0,\"stance\":\"neutral\",\"matched\":[\"seed"
                  + " round\"]}]}");
      assertThat(lines.classify("City council approves new bike lanes"))
          .isEqualTo("{\"id\":null,\"lang\":\"en\",\"themes\":[]}");
    }
  }

  @Test
  void explainAddsTheSnippetAndTheMatchingQueries() {
    try (ClassifyLines lines = new ClassifyLines(THEMES, true)) {
      String out =
          lines.classify(
              "{\"id\":\"x\",\"title\":\"Startups face funding drought as VCs pull back\"}");
      assertThat(out)
          .startsWith("{\"id\":\"x\",\"lang\":\"en\",\"themes\":[{\"id\":\"vc_funding\"")
          .contains("\"stance\":\"supports\"")
          .contains("\"matched\":[\"funding\"]")
          .contains("\"snippet\":\"Startups face «funding» drought as VCs pull back\"")
          .contains(
              "{\"role\":\"supports\",\"lang\":\"en\",\"query\":\"\\\"dries up\\\" OR drought\"}")
          .endsWith(",\"mixed\":false,\"themeSetVersion\":\"" + lines.themeSetVersion() + "\"}");
    }
  }

  @Test
  void aBadLineGivesAnErrorLineAndTheNextLineIsClassified() {
    try (ClassifyLines lines = new ClassifyLines(THEMES, false)) {
      List<String> out =
          List.of(
                  "{\"id\": 1, \"title\": ",
                  "",
                  "{\"id\":\"n\",\"summary\":\"no title\"}",
                  "{\"id\":\"s\",\"title\":\"ok\",\"summary\":42}",
                  "某公司宣布裁员")
              .stream()
              .map(lines::classify)
              .toList();
      assertThat(out)
          .containsExactly(
              "{\"id\":null,\"error\":{\"kind\":\"invalid_json\",\"message\":\"not valid JSON:"
                  + " Unexpected end-of-input within/between Object entries\"}}",
              "{\"id\":null,\"error\":{\"kind\":\"empty\",\"message\":\"empty line\"}}",
              "{\"id\":\"n\",\"error\":{\"kind\":\"invalid_article\",\"message\":\"title must be"
                  + " non-blank text\"}}",
              "{\"id\":\"s\",\"error\":{\"kind\":\"invalid_article\",\"message\":\"summary must be"
                  + " text\"}}",
              "{\"id\":null,\"lang\":\"zh\",\"themes\":[{\"id\":\"layoffs\",\"score\":1.0,\"stance\":\"neutral\",\"matched\":[\"裁员\"]}]}");
    }
  }

  @Test
  void anInvalidThemesFileIsRefusedWithTheLoadersMessage() throws Exception {
    Path bad = Path.of(getClass().getResource("/themes/invalid/missing-language.yml").toURI());
    assertThatThrownBy(() -> new ClassifyLines(bad, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "themes file " + bad + ": theme 'layoffs': no query for language 'en' in queries");
  }
}
