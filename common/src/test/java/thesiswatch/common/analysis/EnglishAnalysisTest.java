package thesiswatch.common.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

/**
 * The English chain drops Lucene's stop words but keeps no and not, stems, and reads full-width
 * text as ASCII.
 */
class EnglishAnalysisTest {

  private static List<String> terms(String text) throws IOException {
    List<String> terms = new ArrayList<>();
    try (Analyzer analyzer = EnglishAnalysis.analyzer();
        TokenStream stream = analyzer.tokenStream("title_en", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    }
    return terms;
  }

  @Test
  void keepsNoAndNotAndDropsTheOtherStopWords() throws IOException {
    assertThat(terms("There will be no layoffs, and the bank is not cutting jobs"))
        .containsExactly("no", "layoff", "bank", "not", "cut", "job");
    assertThat(EnglishAnalysis.STOP_WORDS.contains("the")).isTrue();
    assertThat(EnglishAnalysis.STOP_WORDS.contains("no")).isFalse();
    assertThat(EnglishAnalysis.STOP_WORDS.contains("not")).isFalse();
  }

  @Test
  void readsFullWidthTextAsItsAsciiForm() throws IOException {
    assertThat(terms("Ｔｅｃｈ ｆｉｒｍｓ ｃｕｔ ５,０００ ｊｏｂｓ， ｂｌａｍｉｎｇ ＡＩ"))
        .isEqualTo(terms("Tech firms cut 5,000 jobs, blaming AI"))
        .containsExactly("tech", "firm", "cut", "5,000", "job", "blame", "ai");
  }

  @Test
  void fullWidthTermsKeepTheirOffsetsInTheOriginalText() throws IOException {
    String text = "裁员潮下的ＯｐｅｎＡＩ";
    List<String> spans = new ArrayList<>();
    try (Analyzer analyzer = EnglishAnalysis.analyzer();
        TokenStream stream = analyzer.tokenStream("title_en", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (term.toString().equals("openai")) {
          spans.add(text.substring(offset.startOffset(), offset.endOffset()));
        }
      }
      stream.end();
    }
    assertThat(spans).containsExactly("ＯｐｅｎＡＩ");
  }

  @Test
  void aPrefixIsFoldedLikeTheIndexedText() {
    try (Analyzer analyzer = EnglishAnalysis.analyzer()) {
      assertThat(analyzer.normalize("title_en", "ＧＰＵ").utf8ToString()).isEqualTo("gpu");
    }
  }
}
