package thesiswatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import thesiswatch.classifier.Fixtures;
import thesiswatch.classifier.SharedMatcher;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.ThemeMatch;

/**
 * How matching works — score, stance, matched terms, snippets, scripts, batches, multi-term
 * expansion — on the frozen fixture theme set. What the shipped queries tag is measured by {@link
 * ShippedThemesTest} and the development set.
 */
class ThemeMatcherTest {

  @RegisterExtension static final SharedMatcher matcher = new SharedMatcher(Fixtures.THEMES);

  private static List<ThemeMatch> themes(String title) {
    return matcher.themesOf(title);
  }

  @Test
  void tagsWithScoreStanceMatchedTermsAndSnippet() {
    assertThat(themes("微软宣布新一轮裁员，约6000名员工受影响"))
        .containsExactly(
            new ThemeMatch(
                "layoffs",
                1.0,
                "supports",
                List.of("裁员"),
                "微软宣布新一轮«裁员»，约6000名员工受影响",
                "layoffs/supports/zh/0"));
    assertThat(themes("Tech giant rehires hundreds of staff it laid off last year"))
        .containsExactly(
            new ThemeMatch(
                "layoffs",
                1.0,
                "challenges",
                List.of("laid off"),
                "Tech giant rehires hundreds of staff it «laid off» last year",
                "layoffs/challenges/en/0"));
  }

  @Test
  void aMatchInTheSummaryGivesASummarySnippet() {
    Classification result =
        matcher.classify(
            new Headline(
                "Quarterly update from Acme", "The company said it would cut 300 jobs in Europe."));
    assertThat(result.themes())
        .extracting(ThemeMatch::snippet)
        .containsExactly("The company said it would «cut 300 jobs» in Europe.");
  }

  @Test
  void traditionalChineseMatchesLikeSimplifiedAndHighlightsTheOriginal() {
    assertThat(themes("美團外賣騎手抗議演算法壓低配送費"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.id()).isEqualTo("gig_work");
              assertThat(m.matched()).containsExactly("美團", "外賣", "外賣騎手", "騎手", "算法", "配送");
              assertThat(m.snippet()).isEqualTo("«美團外賣騎手»抗議演«算法»壓低«配送»費");
            });
  }

  @Test
  void mixedTextIsMatchedInBothLanguages() {
    Classification result = matcher.classify(new Headline("Nvidia H20 禁令之后，创业公司融资更难", ""));
    assertThat(result.mixed()).isTrue();
    assertThat(result.themes())
        .extracting(ThemeMatch::id)
        .containsExactlyInAnyOrder("compute_monopoly", "vc_funding");
  }

  @Test
  void aBatchGivesTheSameResultsAsOneAtATime() {
    List<Headline> headlines =
        List.of(
            new Headline("Meta to cut 5% of staff", ""),
            new Headline("超级个体崛起，一人公司成新风口", ""),
            new Headline("City council approves new bike lanes", ""));
    List<Classification> batch = matcher.classifyAll(headlines);
    assertThat(batch)
        .containsExactly(
            matcher.classify(headlines.get(0)),
            matcher.classify(headlines.get(1)),
            matcher.classify(headlines.get(2)));
    assertThat(batch.get(2).hits()).isEmpty();
  }

  @Test
  void aStanceIsDecidedOnlyForAThemeWhoseTopicMatched() {
    // Stance queries run after the topics (SpanMatcher): "rehires" is a layoffs challenge in both
    // headlines, but only the first is about layoffs, so only the first has its stance decided.
    List<Headline> headlines =
        List.of(
            new Headline("Tech giant rehires hundreds of staff it laid off last year", ""),
            new Headline("Nvidia rehires its chip engineers", ""));
    List<Classification> batch = matcher.classifyAll(headlines);
    assertThat(batch.get(0).themes())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.id()).isEqualTo("layoffs");
              assertThat(m.stance()).isEqualTo("challenges");
            });
    assertThat(batch.get(1).themes())
        .singleElement()
        .satisfies(m -> assertThat(m.id()).isEqualTo("compute_monopoly"));
    assertThat(batch.get(1).hits().get(0).queries())
        .extracting(ThemeHit.MatchedQuery::query)
        .doesNotContain("rehires OR rehire");
    assertThat(batch)
        .containsExactly(matcher.classify(headlines.get(0)), matcher.classify(headlines.get(1)));
  }

  @Test
  void aFuzzyQueryIsExpandedAgainstEachHeadlineNotReusedFromTheFirst() {
    // Rewritten queries are kept between batches; a fuzzy query's expansion (into the terms of the
    // batch it first met) must not be.
    String file =
        """
        themes:
          - id: robots
            name: {zh: 机器人, en: Robots}
            claim: {zh: "机器人", en: "Robots"}
            direction: rising
            queries: {zh: ['机器人'], en: ['robot~1 OR autom*']}
        """;
    try (ThemeMatcher fuzzy =
        ThemeMatcher.of(ThemeSet.parse(file.getBytes(StandardCharsets.UTF_8), "test"))) {
      assertThat(matched(fuzzy, "Robot arms at the fair")).containsExactly(List.of("Robot"));
      assertThat(matched(fuzzy, "The robat stall")).containsExactly(List.of("robat"));
      assertThat(matched(fuzzy, "Automation reaches the warehouse"))
          .containsExactly(List.of("Automation"));
      assertThat(matched(fuzzy, "Automatons at the fair")).containsExactly(List.of("Automatons"));
    }
  }

  private static List<List<String>> matched(ThemeMatcher matcher, String title) {
    return matcher.classify(new Headline(title, "")).themes().stream()
        .map(ThemeMatch::matched)
        .toList();
  }
}
