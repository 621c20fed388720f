package thesiswatch.classifier.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseNormalizerTest {

  private final ChineseNormalizer normalizer = ChineseNormalizer.standard();

  @Test
  void rewritesTraditionalCharactersAndTaiwanWordsKeepingTheLength() {
    String traditional = "輝達晶片出口受限，外送員收入下滑，科技業裁員潮延燒";
    String simplified = normalizer.normalize(traditional);
    assertThat(simplified).isEqualTo("辉达芯片出口受限，外卖员收入下滑，科技业裁员潮延烧");
    assertThat(simplified).hasSameSizeAs(traditional);
  }

  @Test
  void leavesSimplifiedAndLatinTextAlone() {
    String text = "OpenAI完成66亿美元融资 as investors pile in";
    assertThat(normalizer.normalize(text)).isSameAs(text);
  }
}
