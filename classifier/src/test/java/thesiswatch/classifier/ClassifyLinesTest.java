package thesiswatch.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import thesiswatch.common.BoundedLines;

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
  void aLineLongerThanARecordIsAnErrorLineAndTheNextLineIsClassified() throws Exception {
    try (ClassifyLines lines = new ClassifyLines(THEMES, false)) {
      StringWriter out = new StringWriter();
      int length = BoundedLines.MAX_LINE_CHARS + 5;
      boolean toTheEnd =
          lines.run(
              new BufferedReader(
                  new StringReader("裁".repeat(length) + "\r\n某公司宣布裁员\rCity council")),
              new PrintWriter(out));
      assertThat(toTheEnd).isTrue();
      assertThat(out.toString().lines().toList())
          .containsExactly(
              "{\"id\":null,\"error\":{\"kind\":\"too_long\",\"message\":\"a line of "
                  + length
                  + " characters; at most "
                  + BoundedLines.MAX_LINE_CHARS
                  + " are read, as much as a Kafka record holds\"}}",
              "{\"id\":null,\"lang\":\"zh\",\"themes\":[{\"id\":\"layoffs\",\"score\":1.0,\"stance\":\"neutral\",\"matched\":[\"裁员\"]}]}",
              "{\"id\":null,\"lang\":\"en\",\"themes\":[]}");
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // a reader that never stops hangs, not fails
  void anInputWithoutLineBreaksGetsOneErrorLineAndEndsTheRun() throws Exception {
    try (ClassifyLines lines = new ClassifyLines(THEMES, false)) {
      StringWriter out = new StringWriter();
      boolean toTheEnd =
          lines.run(new BufferedReader(new EndlessReader('\0')), new PrintWriter(out));
      assertThat(toTheEnd).isFalse();
      assertThat(out.toString().lines().toList())
          .containsExactly(
              "{\"id\":null,\"error\":{\"kind\":\"too_long\",\"message\":\"no line break in "
                  + BoundedLines.MAX_LINE_SPAN
                  + " characters; the rest of the input is not read\"}}");
    }
  }

  /** A reader that never ends, as {@code /dev/zero} on standard input. */
  private static final class EndlessReader extends Reader {
    private final char fill;

    EndlessReader(char fill) {
      this.fill = fill;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      Arrays.fill(buffer, offset, offset + length, fill);
      return length;
    }

    @Override
    public void close() {}
  }

  @Test
  void everyInputLineGetsAnOutputLineBlankOnesIncluded() throws Exception {
    try (ClassifyLines lines = new ClassifyLines(THEMES, false)) {
      StringWriter out = new StringWriter();
      lines.run(
          new BufferedReader(
              new StringReader("某公司宣布裁员\n\n   \nCity council approves bike lanes\n")),
          new PrintWriter(out));
      assertThat(out.toString().lines().toList())
          .containsExactly(
              "{\"id\":null,\"lang\":\"zh\",\"themes\":[{\"id\":\"layoffs\",\"score\":1.0,\"stance\":\"neutral\",\"matched\":[\"裁员\"]}]}",
              "{\"id\":null,\"error\":{\"kind\":\"empty\",\"message\":\"empty line\"}}",
              "{\"id\":null,\"error\":{\"kind\":\"empty\",\"message\":\"empty line\"}}",
              "{\"id\":null,\"lang\":\"en\",\"themes\":[]}");
    }
  }

  @Test
  void explainNamesWhatDecidedTheStance() {
    Path stance = Fixtures.resource("/themes/stance.yml");
    try (ClassifyLines lines = new ClassifyLines(stance, true)) {
      assertThat(lines.classify("某公司宣布裁员"))
          .contains("\"stance\":\"supports\",\"matched\":[\"裁员\"],\"stanceBy\":\"default\"");
      assertThat(lines.classify("某公司新一轮裁员"))
          .contains("\"stance\":\"supports\"")
          .contains("\"stanceBy\":\"layoffs/supports/zh/0\"");
      assertThat(lines.classify("某公司辟谣：不存在大规模裁员，否认新一轮裁员"))
          .contains("\"stance\":\"challenges\"")
          .contains("\"stanceBy\":\"layoffs/denials/zh/0\"")
          .contains("{\"role\":\"denials\",\"lang\":\"zh\",\"query\":\"否认 OR 不存在大规模裁员\"}");
      assertThat(lines.classify("Another round of layoffs? Acme rehires instead"))
          .contains("\"stance\":\"neutral\"")
          .contains("\"stanceBy\":\"layoffs/supports/en/0 + layoffs/challenges/en/0\"");
      assertThat(lines.classify("Layoffs explained: what severance covers"))
          .contains("\"stance\":\"neutral\"")
          .contains("\"stanceBy\":\"layoffs/neutral/en/0\"");
    }
  }

  @Test
  void noAndNotAreKeptInEnglishPhrases() {
    Path stance = Fixtures.resource("/themes/stance.yml");
    try (ClassifyLines lines = new ClassifyLines(stance, true)) {
      assertThat(lines.classify("Layoffs rumour: Acme says it is not cutting"))
          .contains("\"stanceBy\":\"layoffs/denials/en/0\"");
      assertThat(lines.classify("No layoffs this year, Acme tells staff"))
          .contains("\"stanceBy\":\"layoffs/denials/en/0\"");
      // Without the negation the same words are a cut: "cutting" alone must not read as a denial.
      assertThat(lines.classify("Layoffs spread: Acme says it is cutting too"))
          .contains("\"stance\":\"supports\"")
          .contains("\"stanceBy\":\"default\"");
      assertThat(lines.classify("Layoffs hit this year, Acme tells staff"))
          .contains("\"stanceBy\":\"default\"");
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
