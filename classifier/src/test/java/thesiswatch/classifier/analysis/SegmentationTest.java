package thesiswatch.classifier.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import thesiswatch.classifier.Fixtures;
import thesiswatch.classifier.SharedMatcher;
import thesiswatch.classifier.match.Headline;

/**
 * How SmartCN's fixed dictionary segments the Chinese query terms, and why every Chinese term is
 * also matched as a CJK-bigram phrase: in some headlines SmartCN splits the same characters
 * differently, and a word phrase alone would miss them.
 */
class SegmentationTest {

  static final Analyzer ANALYZER = Analyzers.perField();
  @RegisterExtension static final SharedMatcher matcher = new SharedMatcher(Fixtures.THEMES);

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "外卖骑手 | 外 卖 骑手 | 外卖 卖骑 骑手",
        "灵活就业 | 灵活 就业 | 灵活 活就 就业",
        "一人公司 | 一 人 公司 | 一人 人公 公司",
        "超级个体 | 超级 个体 | 超级 级个 个体",
        "算力 | 算 力 | 算力",
        "降本增效 | 降 本 增效 | 降本 本增 增效",
        "智算中心 | 智 算 中心 | 智算 算中 中心",
        "独立开发者 | 独立 开发 者 | 独立 立开 开发 发者",
        "零工经济 | 零工 经济 | 零工 工经 经济",
        "融资融券 | 融资 融 券 | 融资 资融 融券",
        "裁员 | 裁员 | 裁员",
      })
  void segmentsEachQueryTermAlone(String term, String words, String bigrams) {
    assertThat(tokens(Fields.ZH, term)).containsExactly(words.split(" "));
    assertThat(tokens(Fields.ZH_BIGRAM, term)).containsExactly(bigrams.split(" "));
  }

  @ParameterizedTest(name = "{0} in {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // SmartCN reads 被/裁/员工 (laid-off employees): the word 裁员 is not there.
        "裁员 | layoffs | 被裁员工获赔N+1，平均补偿四个月工资",
        // SmartCN reads 经济学家 (economist) as one word: the phrase 零工 经济 is not there.
        "零工经济 | gig_work | 零工经济学家：平台用工规则亟待完善",
      })
  void aTermSmartCnSplitsDifferentlyInContextStillMatches(
      String term, String theme, String headline) {
    List<String> termWords = tokens(Fields.ZH, term);
    assertThat(Collections.indexOfSubList(tokens(Fields.ZH, headline), termWords)).isEqualTo(-1);
    assertThat(
            Collections.indexOfSubList(
                tokens(Fields.ZH_BIGRAM, headline), tokens(Fields.ZH_BIGRAM, term)))
        .isNotEqualTo(-1);
    assertThat(matcher.classify(new Headline(headline, "")).themes())
        .anySatisfy(
            m -> {
              assertThat(m.id()).isEqualTo(theme);
              assertThat(m.matched()).contains(term);
            });
  }

  static List<String> tokens(String field, String text) {
    List<String> result = new ArrayList<>();
    try (TokenStream stream = ANALYZER.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        result.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }
}
