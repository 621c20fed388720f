package thesiswatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import thesiswatch.classifier.analysis.Fields;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.Languages;

/**
 * The gate never closes on a text that a query part on SmartCN's words could match: checked against
 * the words SmartCN really makes of every Chinese text at hand (the development set, the bundled
 * sample feeds' titles and summaries, and texts made to trip it), and it does close on most of
 * them.
 */
class WordFieldGateTest {

  private static final ThemeSet THEMES = ThemeSet.load(Path.of("../seeds/themes.yml"));

  private static final WordFieldGate GATE =
      WordFieldGate.of(THEMES.queries().stream().map(q -> q.query()).toList());

  /** Texts that test the normalisation: full width, upper case, Traditional, "N+1". */
  private static final List<String> TRICKY =
      List.of(
          "某大厂宣布５０亿元回购，员工Ｎ＋１补偿",
          "公司裁減人員，縮減團隊規模",
          "N+1赔偿方案出炉",
          "估值翻了３倍，仅用一年",
          "一个人的公司：AI让单枪匹马成为可能",
          "B轮融资30亿",
          "数据垄断引发监管关注");

  @Test
  void classifiesEveryTextExactlyAsWithSmartCnsWordsAlwaysThere() {
    List<String> texts = new ArrayList<>(chineseTexts());
    DevSet.load().lines().forEach(line -> texts.add(line.headline()));
    int themes = 0;
    try (ThemeMatcher gated = ThemeMatcher.of(THEMES);
        ThemeMatcher always = ThemeMatcher.of(THEMES, WordFieldGate.ALWAYS_OPEN, true)) {
      for (String text : texts) {
        String[] titleAndSummary = text.split("\n", 2);
        Headline headline =
            new Headline(titleAndSummary[0], titleAndSummary.length > 1 ? titleAndSummary[1] : "");
        Classification expected = always.classify(headline);
        assertThat(gated.classify(headline)).as(text).isEqualTo(expected);
        themes += expected.themes().size();
      }
    }
    // Enough texts, and enough of them tagged, for the comparison to say something.
    assertThat(texts).hasSizeGreaterThan(1_000);
    assertThat(themes).isGreaterThan(400);
  }

  @Test
  void closesOnMostChineseHeadlinesAndOpensOnTheTrickyOnes() {
    List<String> texts = chineseTexts();
    long open = texts.stream().filter(GATE::mayMatch).count();
    // Most Chinese texts have no chance of a word-field match: SmartCN is skipped for them.
    assertThat(open).isLessThan(texts.size() / 2);
    for (String text : TRICKY) {
      assertThat(GATE.mayMatch(text)).as(text).isTrue();
    }
    assertThat(GATE.mayMatch("外卖骑手权益保障新规出台")).isFalse();
  }

  @Test
  void aPrefixOnTheWordFieldOpensTheGateForEveryText() {
    Query prefix = new PrefixQuery(new Term(Fields.ZH, "裁"));
    assertThat(WordFieldGate.of(List.of(prefix)).mayMatch("外卖骑手权益保障新规出台")).isTrue();
    assertThat(WordFieldGate.of(List.of()).mayMatch("外卖骑手权益保障新规出台")).isFalse();
  }

  @Test
  void normalisesWidthAndCaseAsSmartCnDoes() {
    assertThat(WordFieldGate.normalise("Ｎ＋１ ５０亿 AbC")).isEqualTo("n＋1 50亿 abc");
  }

  private static List<String> chineseTexts() {
    List<String> texts = new ArrayList<>(TRICKY);
    SampleTexts.all().forEach(headline -> texts.add(headline.text()));
    return texts.stream().filter(t -> Languages.detect(t).chinese()).toList();
  }
}
