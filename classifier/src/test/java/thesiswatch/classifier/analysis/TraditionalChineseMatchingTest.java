package thesiswatch.classifier.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import thesiswatch.classifier.Fixtures;
import thesiswatch.classifier.match.Headline;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.ThemeMatch;

/**
 * Traditional headlines through the shared chain (ICU's Traditional-Simplified before SmartCN and
 * the bigrams): tagged as their Simplified form is, matched terms and snippets cut from the text as
 * written, and Taiwan words read as mainland ones.
 */
class TraditionalChineseMatchingTest {

  static ThemeMatcher matcher;

  @BeforeAll
  static void load() {
    matcher = ThemeMatcher.of(ThemeSet.load(Fixtures.THEMES));
  }

  @AfterAll
  static void close() {
    matcher.close();
  }

  private static List<ThemeMatch> themes(String title) {
    return matcher.classify(new Headline(title, "")).themes();
  }

  @Test
  void aTraditionalLayoffHeadlineIsTaggedAsItsSimplifiedFormIs() {
    List<ThemeMatch> traditional = themes("微軟宣布新一輪裁員，約6000名員工受影響");
    List<ThemeMatch> simplified = themes("微软宣布新一轮裁员，约6000名员工受影响");
    assertThat(traditional).extracting(ThemeMatch::id).containsExactly("layoffs");
    assertThat(traditional)
        .extracting(ThemeMatch::id, ThemeMatch::stance, ThemeMatch::score)
        .isEqualTo(
            simplified.stream().map(m -> Tuple.tuple(m.id(), m.stance(), m.score())).toList());
    assertThat(traditional.get(0).matched()).containsExactly("裁員");
    assertThat(traditional.get(0).snippet()).isEqualTo("微軟宣布新一輪«裁員»，約6000名員工受影響");
  }

  @Test
  void taiwanWordsAreReadAsTheMainlandOnes() {
    // 外送員 is 外卖员 after the regional words, so the gig-work terms find it.
    assertThat(themes("外送員團體赴立法院陳情 要求訂定外送專法"))
        .extracting(ThemeMatch::id)
        .containsExactly("gig_work");
  }
}
