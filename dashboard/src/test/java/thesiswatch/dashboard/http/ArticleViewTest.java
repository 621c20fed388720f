package thesiswatch.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.index.IndexedArticle;
import thesiswatch.dashboard.index.Segment;

/**
 * An article's JSON in search results: its own fields (written once and kept with the indexed
 * article) then this search's highlights and score, as one well-formed object, the same every time
 * it is written.
 */
class ArticleViewTest {

  private static final Instant T = Instant.parse("2025-02-11T08:00:00Z");

  private static IndexedArticle article() {
    return IndexedArticle.of(
        new TaggedArticle(
            1,
            "a1",
            null,
            "\"Quotes\", <img src=x onerror=alert(1)> & 裁员",
            "javascript:alert(1)",
            "Summary \\ with a backslash\n",
            T,
            T.plusSeconds(60),
            "zh-CN",
            "https://feed.example.com/rss",
            null,
            List.of(),
            List.of(new ThemeMatch("layoffs", 1.5, "supports", List.of("裁员"), null)),
            "v1",
            T));
  }

  @Test
  void anArticleIsItsFieldsThenTheSearchsHighlightsAndScoreInOneObject() throws Exception {
    IndexedArticle indexed = article();
    ArticleView first = new ArticleView(indexed, List.of(new Segment("裁员", true)), List.of(), 2.5f);
    ArticleView second =
        new ArticleView(indexed, List.of(new Segment("no match", false)), List.of(), null);

    JsonNode written =
        Json.MAPPER
            .readTree(Json.bytes(Map.of("articles", List.of(first, second))))
            .get("articles");

    List<String> names = new ArrayList<>();
    written.get(0).fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "id",
            "title",
            "link",
            "summary",
            "published",
            "fetched",
            "time",
            "lang",
            "source",
            "feedUrl",
            "themes",
            "themeSetVersion",
            "titleHighlight",
            "summaryHighlight",
            "score");
    JsonNode one = written.get(0);
    assertThat(one.get("title").asText())
        .isEqualTo("\"Quotes\", <img src=x onerror=alert(1)> & 裁员");
    assertThat(one.get("summary").asText()).isEqualTo("Summary \\ with a backslash\n");
    assertThat(one.get("link").isNull()).isTrue();
    assertThat(one.get("published").asText()).isEqualTo("2025-02-11T08:00:00Z");
    assertThat(one.get("lang").asText()).isEqualTo("zh");
    assertThat(one.get("source").asText()).isEqualTo("feed.example.com");
    assertThat(one.get("themes").get(0).get("matched").get(0).asText()).isEqualTo("裁员");
    assertThat(one.get("titleHighlight").get(0).get("hit").asBoolean()).isTrue();
    assertThat(one.get("score").floatValue()).isEqualTo(2.5f);
    // The second view of the same article reuses its fields and writes its own search's parts.
    JsonNode two = written.get(1);
    assertThat(two.get("title")).isEqualTo(one.get("title"));
    assertThat(two.get("titleHighlight").get(0).get("text").asText()).isEqualTo("no match");
    assertThat(two.get("score").isNull()).isTrue();
    // Written again: the same bytes.
    assertThat(Json.bytes(first)).isEqualTo(Json.bytes(first));
  }
}
