package thesiswatch.dashboard.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;

/**
 * Search across scripts and languages: Traditional and Simplified find each other (the shared
 * Chinese chain), Chinese text is searched only through the Chinese fields and Latin text only
 * through the English ones, English stop words are not required, and no and not are searched like
 * any word (a denial is not a report), AND, OR and NOT are operators, so are proximity and fuzzy
 * terms, and full-width Latin letters are searched as ASCII.
 */
class ArticleSearchLanguageTest {

  private static final List<TaggedArticle> ARTICLES =
      List.of(
          article("simplified", "zh", "微软宣布新一轮裁员，约6000名员工受影响"),
          article("traditional", "zh", "微軟宣布新一輪裁員，約6000名員工受影響"),
          article("laid-off", "zh", "被裁员工维权：补偿金迟迟不到位"),
          article("openai", "zh", "OpenAI宣布裁员，涉及多个团队"),
          // An English article that quotes Chinese characters one by one (SmartCN would join
          // neighbours such as 员 工, so they are kept apart by Latin words).
          article("glossary", "en", "Glossary: 工 work, 员 member, 裁 cut, 被 by"),
          article("blamed", "en", "Companies blame AI for a new wave of layoffs"),
          article("phrase", "en", "Layoffs blamed on AI spread to banks"),
          article("hiring", "en", "AI start-ups go on a hiring spree"),
          article("denial", "en", "Bank says there will be no layoffs this year"),
          article("not-cutting", "en", "Retailer is not cutting jobs despite AI push"),
          article("full-width", "en", "Ｂａｎｋｓ ｃｕｔ ｊｏｂｓ ａｓ ＡＩ ａｒｒｉｖｅｓ"),
          article("numbers", "en", "Lender to shed 2,000 roles by 2026"));

  private static TaggedArticle article(String id, String lang, String title) {
    Instant time = Instant.parse("2025-03-01T00:00:00Z").plusSeconds(id.hashCode() & 0xffff);
    return new TaggedArticle(
        1,
        id,
        null,
        title,
        null,
        "",
        time,
        time,
        lang,
        "https://feed.example.com/rss",
        null,
        List.of(),
        List.of(new ThemeMatch("layoffs", 1.0, "neutral", List.of(), null)),
        "v1",
        time);
  }

  /** An index in {@code dir} holding {@link #ARTICLES}, searchable. */
  private static ArticleIndex indexed(Path dir) {
    ArticleIndex index = ArticleIndex.open(dir);
    ARTICLES.forEach(index::upsert);
    index.refresh();
    return index;
  }

  private static List<String> ids(ArticleIndex index, String q) {
    return index.search(new SearchRequest(q, null, 20, null, null)).hits().stream()
        .map(h -> h.article().article().id())
        .sorted()
        .toList();
  }

  private static String marked(ArticleIndex index, String q, String id) {
    return index.search(new SearchRequest(q, null, 20, null, null)).hits().stream()
        .filter(h -> h.article().article().id().equals(id))
        .findFirst()
        .orElseThrow()
        .title()
        .stream()
        .map(s -> s.hit() ? "«" + s.text() + "»" : s.text())
        .collect(Collectors.joining());
  }

  @Test
  void simplifiedAndTraditionalFindEachOtherAndTheHitMarksWhatWasWritten(@TempDir Path dir) {
    try (ArticleIndex index = indexed(dir)) {
      assertThat(ids(index, "裁员")).contains("simplified", "traditional");
      assertThat(ids(index, "裁員")).isEqualTo(ids(index, "裁员"));
      assertThat(ids(index, "員工 受影響")).containsExactly("simplified", "traditional");
      assertThat(ids(index, "裁員*")).contains("simplified", "traditional");
      assertThat(marked(index, "裁员", "traditional")).isEqualTo("微軟宣布新一輪«裁員»，約6000名員工受影響");
      assertThat(marked(index, "裁員", "simplified")).isEqualTo("微软宣布新一轮«裁员»，约6000名员工受影响");
    }
  }

  @Test
  void chineseTextIsSearchedOnlyThroughTheChineseFields(@TempDir Path dir) {
    try (ArticleIndex index = indexed(dir)) {
      // The English analysis makes single characters of Chinese text: 被 裁 员 工 all occur in the
      // glossary's English fields, but Chinese text is not searched there.
      assertThat(ids(index, "被裁，员工")).containsExactly("laid-off");
      assertThat(ids(index, "\"裁 员\"")).doesNotContain("glossary");
      // A mixed query: each part through its own language's fields, and both marked.
      assertThat(ids(index, "OpenAI裁员")).containsExactly("openai");
      assertThat(ids(index, "OpenAI 裁员")).containsExactly("openai");
      assertThat(marked(index, "OpenAI 裁员", "openai")).isEqualTo("«OpenAI»宣布«裁员»，涉及多个团队");
    }
  }

  @Test
  void englishStopWordsAreNotRequired(@TempDir Path dir) {
    try (ArticleIndex index = indexed(dir)) {
      assertThat(ids(index, "layoffs blamed on AI")).containsExactly("blamed", "phrase");
      assertThat(ids(index, "\"layoffs blamed on AI\"")).containsExactly("phrase");
      // Stop words alone leave nothing to search: refused, not answered with nothing found.
      assertThatThrownBy(() -> ids(index, "on the"))
          .isInstanceOfSatisfying(
              BadQueryException.class, e -> assertThat(e.kind()).isEqualTo("no_search_terms"));
    }
  }

  @Test
  void noAndNotAreWordsASearchCanAskFor(@TempDir Path dir) {
    try (ArticleIndex index = indexed(dir)) {
      // Dropped as stop words, "no layoffs" found every layoffs article; a denial is what it asks.
      assertThat(ids(index, "\"no layoffs\"")).containsExactly("denial");
      assertThat(ids(index, "no layoffs")).containsExactly("denial");
      assertThat(ids(index, "layoffs")).contains("blamed", "phrase", "denial");
      assertThat(ids(index, "\"not cutting jobs\"")).containsExactly("not-cutting");
      assertThat(marked(index, "\"no layoffs\"", "denial"))
          .isEqualTo("Bank says there will be «no» «layoffs» this year");
    }
  }

  @Test
  void fullWidthLettersAreSearchedAsAsciiBothWays(@TempDir Path dir) {
    try (ArticleIndex index = indexed(dir)) {
      assertThat(ids(index, "ＯｐｅｎＡＩ")).containsExactly("openai");
      assertThat(ids(index, "Ｏｐｅｎ*")).containsExactly("openai");
      assertThat(ids(index, "\"banks cut jobs\"")).containsExactly("full-width");
      assertThat(ids(index, "AI")).contains("full-width", "hiring");
      assertThat(marked(index, "cut jobs", "full-width"))
          .isEqualTo("Ｂａｎｋｓ «ｃｕｔ» «ｊｏｂｓ» ａｓ ＡＩ ａｒｒｉｖｅｓ");
    }
  }

  @Test
  void andOrAndNotInCapitalsAreOperators(@TempDir Path dir) {
    try (ArticleIndex index = indexed(dir)) {
      // Read as words, "OR" was dropped (an English stop word) and both sides were required.
      assertThat(ids(index, "layoffs OR 裁员"))
          .containsExactly("blamed", "denial", "openai", "phrase", "simplified", "traditional");
      assertThat(ids(index, "layoffs AND AI")).containsExactly("blamed", "phrase");
      assertThat(ids(index, "layoffs NOT AI")).containsExactly("denial");
      assertThat(ids(index, "(layoffs OR hiring) AND NOT blamed"))
          .containsExactly("denial", "hiring");
      assertThat(ids(index, "\"not cutting jobs\"")).containsExactly("not-cutting");
    }
  }

  @Test
  void proximityAndFuzzyTermsAreOperatorsNotRequiredNumbers(@TempDir Path dir) {
    try (ArticleIndex index = indexed(dir)) {
      // Read as text, ~2 was a required term "2": both found nothing.
      assertThat(ids(index, "\"layoffs AI\"")).isEmpty();
      assertThat(ids(index, "\"layoffs AI\"~2")).containsExactly("phrase");
      assertThat(ids(index, "\"companies layoffs\"~7")).containsExactly("blamed");
      assertThat(ids(index, "\"companies layoffs\"~6")).isEmpty();
      assertThat(ids(index, "\"宣布 裁员\"")).containsExactly("openai");
      assertThat(ids(index, "\"宣布 裁员\"~3")).containsExactly("openai", "simplified", "traditional");
      assertThat(marked(index, "\"layoffs AI\"~2", "phrase"))
          .isEqualTo("«Layoffs» blamed on «AI» spread to banks");
      // Edits between English words, which are stemmed in the index.
      assertThat(ids(index, "layofs~1")).contains("blamed", "phrase", "denial");
      assertThat(ids(index, "layofs")).isEmpty();
      assertThat(ids(index, "hirring~")).containsExactly("hiring");
      assertThat(marked(index, "hirring~", "hiring"))
          .isEqualTo("AI start-ups go on a «hiring» spree");
      // The edits allowed shrink with the stem, as in Elasticsearch's AUTO: hirring's stem hir
      // is 3 letters, so one edit, not the two that reached ai; none below 3 letters.
      assertThat(ids(index, "hirring~2")).containsExactly("hiring");
      assertThat(ids(index, "ai~2")).isEqualTo(ids(index, "ai"));
      // A Chinese word is searched as written.
      assertThat(ids(index, "裁员~1")).isEqualTo(ids(index, "裁员"));
    }
  }

  @Test
  void onlyChineseArticlesAndHanTextsGetTheChineseFieldsAndSearchIsTheSame(@TempDir Path dir) {
    TaggedArticle english = ARTICLES.get(5); // "Companies blame AI for a new wave of layoffs"
    assertThat(ArticleSchema.document(english).getField(ArticleSchema.TITLE_ZH)).isNull();
    assertThat(ArticleSchema.document(ARTICLES.get(4)).getField(ArticleSchema.TITLE_ZH))
        .isNotNull(); // the glossary: English, with Han characters in its title
    assertThat(ArticleSchema.document(ARTICLES.get(3)).getField(ArticleSchema.TITLE_ZH))
        .isNotNull(); // Chinese
    try (ArticleIndex index = indexed(dir)) {
      // Numbers are searched in every field: the English fields hold them for every article.
      assertThat(ids(index, "2026")).containsExactly("numbers");
      assertThat(ids(index, "2,000")).containsExactly("numbers");
      assertThat(ids(index, "6000")).containsExactly("simplified", "traditional");
      assertThat(marked(index, "2,000", "numbers"))
          .isEqualTo("Lender to shed «2,000» roles by 2026");
    }
  }
}
