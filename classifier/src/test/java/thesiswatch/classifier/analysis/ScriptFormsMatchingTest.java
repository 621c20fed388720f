package thesiswatch.classifier.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import thesiswatch.classifier.Fixtures;
import thesiswatch.classifier.SharedMatcher;
import thesiswatch.common.ThemeMatch;

/**
 * Other forms of the same text through the shared chains, tagged as the plain form is, with matched
 * terms and snippets cut from the text as written: Traditional headlines (ICU's
 * Traditional-Simplified before SmartCN and the bigrams; Taiwan words read as mainland ones) and
 * full-width English (ＡＩ, ５,０００: how many Chinese outlets type Latin letters and digits).
 */
class ScriptFormsMatchingTest {

  @RegisterExtension static final SharedMatcher matcher = new SharedMatcher(Fixtures.THEMES);

  private static List<ThemeMatch> themes(String title) {
    return matcher.themesOf(title);
  }

  private static List<Tuple> tags(List<ThemeMatch> themes) {
    return themes.stream().map(m -> Tuple.tuple(m.id(), m.stance(), m.score())).toList();
  }

  @Test
  void aTraditionalLayoffHeadlineIsTaggedAsItsSimplifiedFormIs() {
    List<ThemeMatch> traditional = themes("微軟宣布新一輪裁員，約6000名員工受影響");
    List<ThemeMatch> simplified = themes("微软宣布新一轮裁员，约6000名员工受影响");
    assertThat(traditional).extracting(ThemeMatch::id).containsExactly("layoffs");
    assertThat(tags(traditional)).isEqualTo(tags(simplified));
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

  @Test
  void aFullWidthEnglishHeadlineIsTaggedAsItsAsciiFormIs() {
    List<ThemeMatch> fullWidth = themes("Ｔｅｃｈ ｆｉｒｍｓ ｃｕｔ ５,０００ ｊｏｂｓ， ｂｌａｍｉｎｇ ＡＩ");
    List<ThemeMatch> ascii = themes("Tech firms cut 5,000 jobs, blaming AI");
    assertThat(ascii).extracting(ThemeMatch::id).containsExactly("layoffs");
    assertThat(tags(fullWidth)).isEqualTo(tags(ascii));
    assertThat(fullWidth.get(0).matched()).containsExactly("ｃｕｔ ５,０００ ｊｏｂｓ");
    assertThat(fullWidth.get(0).snippet()).contains("«ｃｕｔ ５,０００ ｊｏｂｓ»");
  }

  @Test
  void fullWidthLatinInsideAChineseHeadlineCountsAsItsAsciiForm() {
    List<ThemeMatch> fullWidth = themes("ＯｐｅｎＡＩ垄断算力，ＧＰＵ集中在少数巨头手中");
    List<ThemeMatch> ascii = themes("OpenAI垄断算力，GPU集中在少数巨头手中");
    assertThat(ascii).isNotEmpty();
    assertThat(tags(fullWidth)).isEqualTo(tags(ascii));
  }
}
