package thesiswatch.dashboard.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** AND, OR and NOT in capitals and outside quotes become SimpleQueryParser's operators. */
class BooleanWordsTest {

  @Test
  void theCapitalWordsBecomeOperators() {
    assertThat(BooleanWords.toOperators("layoffs OR 裁员")).isEqualTo("layoffs | 裁员");
    assertThat(BooleanWords.toOperators("layoffs AND AI")).isEqualTo("layoffs + AI");
    assertThat(BooleanWords.toOperators("layoffs NOT AI")).isEqualTo("layoffs -AI");
    assertThat(BooleanWords.toOperators("(layoffs OR 裁员) AND NOT \"hiring spree\""))
        .isEqualTo("(layoffs | 裁员) + -\"hiring spree\"");
    assertThat(BooleanWords.toOperators("(NOT AI)")).isEqualTo("(-AI)");
  }

  @Test
  void otherwiseTheyStayWords() {
    assertThat(BooleanWords.toOperators("\"not cutting jobs\" no or not"))
        .isEqualTo("\"not cutting jobs\" no or not");
    assertThat(BooleanWords.toOperators("\"cuts OR hires\"")).isEqualTo("\"cuts OR hires\"");
    assertThat(BooleanWords.toOperators("ORACLE ANDROID NOTION"))
        .isEqualTo("ORACLE ANDROID NOTION");
    assertThat(BooleanWords.toOperators("layoffs NOT")).isEqualTo("layoffs NOT");
    assertThat(BooleanWords.toOperators("\\\"a OR b")).isEqualTo("\\\"a | b");
  }
}
