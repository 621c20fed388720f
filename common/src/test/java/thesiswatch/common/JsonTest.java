package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

  private static final Article ARTICLE =
      new Article(
          1,
          "abc",
          "g1",
          "Tech giant cuts 10% of staff",
          "https://example.com/a",
          null,
          Instant.parse("2025-02-10T08:00:00Z"),
          Instant.parse("2025-02-10T09:00:00Z"),
          "en",
          "https://example.com/feed",
          "Example",
          null);

  @Test
  void aTaggedArticleRoundTripsWithItsFieldsAtTheTopLevel() {
    TaggedArticle tagged =
        TaggedArticle.of(
            ARTICLE,
            List.of(new ThemeMatch("layoffs", 2.5, "supports", List.of("cut"), null)),
            "v1",
            Instant.parse("2025-02-10T09:00:01Z"));
    String json = Json.write(tagged);
    assertThat(json)
        .contains(
            "\"id\":\"abc\"",
            "\"title\":\"Tech giant cuts 10% of staff\"",
            "\"themes\":[{\"id\":\"layoffs\"",
            "\"published\":\"2025-02-10T08:00:00Z\"");
    assertThat(Json.read(json, TaggedArticle.class)).isEqualTo(tagged);
    assertThat(Json.read(json, TaggedArticle.class).article()).isEqualTo(ARTICLE);
  }

  @Test
  void garbageIsAClassifiedIllegalArgument() {
    assertThatThrownBy(() -> Json.read("{not json", Article.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a valid Article: ");
    assertThatThrownBy(() -> Json.read("{\"id\":\"x\"}", Article.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("article title must not be blank");
    assertThatThrownBy(() -> Json.read("null", Article.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPublishedTimeInTheFutureFallsBackToTheFetchTime() {
    Article future =
        new Article(
            1,
            "x",
            null,
            "t",
            null,
            "",
            Instant.parse("2030-01-01T00:00:00Z"),
            Instant.parse("2025-01-01T00:00:00Z"),
            null,
            "f",
            null,
            List.of());
    assertThat(future.effectiveTime()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(ARTICLE.effectiveTime()).isEqualTo(Instant.parse("2025-02-10T08:00:00Z"));
  }
}
