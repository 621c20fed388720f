package thesiswatch.common.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * The shared Chinese chain: the compiled tables convert as ICU's transform does, conversion comes
 * before segmentation, and token offsets point into the original text, also where a mapping would
 * change the length.
 */
class ChineseAnalysisTest {

  private static final Transliterator ICU =
      Transliterator.getInstance(TraditionalToSimplified.TRANSFORM);

  private final TraditionalToSimplified tables = TraditionalToSimplified.standard();

  /** The tables without the regional words: what ICU's transform alone does. */
  private final TraditionalToSimplified icuOnly = icuOnly();

  private static TraditionalToSimplified icuOnly() {
    TraditionalToSimplified standard = TraditionalToSimplified.fromIcu();
    return standard.withoutRegionalWords();
  }

  @Test
  void convertsTraditionalToSimplifiedLikeTheIcuTransform() {
    assertThat(tables.convert("科技業裁員潮延燒")).isEqualTo("科技业裁员潮延烧");
    assertThat(tables.convert("裁员")).isEqualTo("裁员");
    // A word rule of the transform wins over its characters: 著 alone is 着, 著作 stays.
    assertThat(tables.convert("著作")).isEqualTo(ICU.transliterate("著作")).isEqualTo("著作");
    assertThat(tables.convert("餘地")).isEqualTo("余地");
    assertThat(tables.convert("OpenAI裁員10%")).isEqualTo("OpenAI裁员10%");
  }

  @Test
  void theCompiledTablesAgreeWithTheTransformOnItsWholeSourceSetAndItsWords() {
    UnicodeSet source = ICU.getSourceSet();
    List<String> characters = new ArrayList<>();
    source.forEach(characters::add);
    StringBuilder all = new StringBuilder();
    characters.forEach(all::append);
    assertThat(icuOnly.convert(all)).isEqualTo(ICU.transliterate(all.toString()));
    List<String> words = TraditionalToSimplified.wordRules(ICU.toRules(false));
    assertThat(words).hasSizeGreaterThan(500);
    for (String word : words) {
      assertThat(icuOnly.convert("在" + word + "中")).isEqualTo(ICU.transliterate("在" + word + "中"));
    }
    // Random text of source characters, words and Simplified characters in between.
    Random random = new Random(13);
    for (int n = 0; n < 2_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 12; i++) {
        switch (random.nextInt(3)) {
          case 0 -> text.append(characters.get(random.nextInt(characters.size())));
          case 1 -> text.append(words.get(random.nextInt(words.size())));
          default -> text.append("的是在AI公司员工 ".charAt(random.nextInt(10)));
        }
      }
      assertThat(icuOnly.convert(text))
          .as(text.toString())
          .isEqualTo(ICU.transliterate(text.toString()));
    }
  }

  @Test
  void theInPlaceConversionGivesTheSameText() {
    String text = "輝達晶片出口受限，外送員收入下滑，科技業裁員潮延燒；著作與餘地 OpenAI裁員10%";
    char[] chars = text.toCharArray();
    assertThat(tables.convertInPlace(chars, chars.length)).isTrue();
    assertThat(new String(chars)).isEqualTo(tables.convert(text));
  }

  @Test
  void regionalWordsFollowTheTransform() {
    assertThat(tables.convert("輝達晶片出口受限，外送員收入下滑")).isEqualTo("辉达芯片出口受限，外卖员收入下滑");
    assertThat(tables.convert("資料中心 人工智慧 軟體 網路 新創")).isEqualTo("数据中心 人工智能 软件 网络 初创");
  }

  @Test
  void segmentationSeesSimplifiedTextAndOffsetsPointIntoTheOriginal() throws IOException {
    String traditional = "科技業裁員潮延燒";
    try (Analyzer words = ChineseAnalysis.words()) {
      List<String> tokens = tokens(words, traditional);
      assertThat(tokens).contains("裁员@3-5");
      assertThat(tokens).isEqualTo(tokens(words, "科技业裁员潮延烧"));
    }
    try (Analyzer bigrams = ChineseAnalysis.bigrams()) {
      assertThat(tokens(bigrams, "被裁員工")).containsExactly("被裁@0-2", "裁员@1-3", "员工@2-4");
    }
  }

  @Test
  void aPrefixIsNormalisedToSimplifiedToo() {
    try (Analyzer words = ChineseAnalysis.words()) {
      assertThat(words.normalize("zh", "裁員")).isEqualTo(new BytesRef("裁员"));
    }
  }

  @Test
  void offsetsStayRightWhereAMappingChangesTheLength() throws IOException {
    // ICU's table keeps every length; a table that does not must still give right offsets.
    TraditionalToSimplified uneven =
        new TraditionalToSimplified(Map.of('甲', "一二", '乙', ""), Map.of("丙丁", "丙"), Map.of());
    assertThat(uneven.convert("x甲y 丙丁z 乙w")).isEqualTo("x一二y 丙z w");
    List<String> tokens = new ArrayList<>();
    try (WhitespaceTokenizer tokenizer = new WhitespaceTokenizer()) {
      String text = "a甲b 丙丁c 乙d e";
      tokenizer.setReader(new SimplifiedChineseCharFilter(new StringReader(text), uneven));
      CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
      tokenizer.reset();
      while (tokenizer.incrementToken()) {
        tokens.add(term + "=" + text.substring(offset.startOffset(), offset.endOffset()));
      }
      tokenizer.end();
    }
    // Longer and shorter replacements span what they replaced; a deleted character belongs to no
    // token (as with Lucene's MappingCharFilter).
    assertThat(tokens).containsExactly("a一二b=a甲b", "丙c=丙丁c", "d=d", "e=e");
  }

  private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
    List<String> tokens = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("zh", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term + "@" + offset.startOffset() + "-" + offset.endOffset());
      }
      stream.end();
    }
    return tokens;
  }
}
