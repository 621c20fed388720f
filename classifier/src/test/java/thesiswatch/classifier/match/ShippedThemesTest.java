package thesiswatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import thesiswatch.classifier.Fixtures;
import thesiswatch.classifier.SharedMatcher;
import thesiswatch.common.ThemeMatch;

/**
 * What the shipped theme set ({@code seeds/themes.yml}) tags, headline by headline: the quality
 * checks that belong to its queries, beside the development-set figures of {@link
 * DevSetQualityTest}. When a query edit changes one of these on purpose, change it here.
 */
class ShippedThemesTest {

  @RegisterExtension
  static final SharedMatcher matcher = new SharedMatcher(Fixtures.SHIPPED_THEMES);

  private static List<ThemeMatch> themes(String title) {
    return matcher.themesOf(title);
  }

  @Test
  void aDroughtThatEasesIsNeitherSideOfTheFundingClaim() {
    assertThat(themes("Venture funding drought eases for AI startups"))
        .filteredOn(m -> m.id().equals("vc_funding"))
        .extracting(ThemeMatch::stance)
        .containsExactly("neutral");
    assertThat(themes("Venture funding drought deepens for AI startups"))
        .filteredOn(m -> m.id().equals("vc_funding"))
        .extracting(ThemeMatch::stance)
        .containsExactly("supports");
    assertThat(themes("创投寒冬后融资市场复苏"))
        .filteredOn(m -> m.id().equals("vc_funding"))
        .extracting(ThemeMatch::stance)
        .containsExactly("neutral");
  }

  /** The tag itself says what decided its stance, so the scorecard's evidence can show it. */
  @Test
  void theTagRecordsWhichStanceRuleFired() {
    assertThat(themes("某互联网公司辟谣：不存在大规模裁员"))
        .filteredOn(m -> m.id().equals("layoffs"))
        .extracting(ThemeMatch::stanceBy)
        .singleElement()
        .asString()
        .contains("denials");
    assertThat(themes("Carmaker to cut 4,000 jobs as European demand weakens"))
        .filteredOn(m -> m.id().equals("layoffs"))
        .extracting(ThemeMatch::stanceBy)
        .containsExactly(StanceRule.DEFAULT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "layoffs | supports | Carmaker to cut 4,000 jobs as European demand weakens",
        "layoffs | supports | 游戏公司关闭上海工作室，百余名员工被遣散",
        "layoffs | challenges | 某互联网公司辟谣：不存在大规模裁员",
        "layoffs | challenges | Company denies layoffs report, says headcount will grow",
        "layoffs | challenges | Chipmaker says there will be no layoffs this year",
        "layoffs | neutral | 裁员补偿N+1怎么算？一文读懂经济补偿金",
        "vc_funding | challenges | 某公司完成50亿元融资",
        "vc_funding | neutral | 某公司完成1.5亿元融资",
      })
  void stanceFollowsTheContract(String theme, String stance, String headline) {
    assertThat(themes(headline))
        .filteredOn(m -> m.id().equals(theme))
        .extracting(ThemeMatch::stance)
        .containsExactly(stance);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Taylor Swift announces surprise gig in London",
        "Monopoly board game gets a new city edition",
        "Potato chips maker recalls snacks over salt levels",
        "Chocolate chip cookie sales soar at holiday",
        "赛马节开幕，骑手策马夺冠",
        "两融余额连续三日增加，融资融券交易活跃",
        "Fed signals interest rate cuts as inflation cools",
        "地方政府融资平台债务化解取得进展",
        "超级个体户：一家三代经营的早餐铺",
      })
  void confusersAreNotTagged(String headline) {
    assertThat(themes(headline)).isEmpty();
  }
}
