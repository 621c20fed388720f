package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleIdsTest {

  @Test
  void theSameStoryGetsTheSameIdWhateverTheTrackingParametersAndCase() {
    String plain =
        ArticleIds.idFor("https://news.example.com/tech/layoffs-2025?id=7", null, "t", null);
    String tracked =
        ArticleIds.idFor(
            "HTTPS://News.Example.com:443/tech/layoffs-2025?utm_source=rss&id=7&fbclid=x#top",
            "g",
            "other",
            null);
    assertThat(tracked).isEqualTo(plain).hasSize(24);
  }

  @Test
  void canonicalLinkKeepsMeaningfulQueryParametersAndDropsFragments() {
    assertThat(Links.canonical("http://Example.COM:8080/a?b=1&utm_medium=x#frag"))
        .isEqualTo("http://example.com:8080/a?b=1");
    assertThat(Links.canonical("javascript:alert(1)")).isNull();
    assertThat(Links.canonical("/relative/path")).isNull();
  }

  @Test
  void withoutALinkTheGuidThenTitleAndDateDecide() {
    assertThat(ArticleIds.idFor(null, "urn:1", "a", null))
        .isEqualTo(ArticleIds.idFor("", "urn:1", "b", null));
    assertThat(ArticleIds.idFor(null, null, "A title", "2025-01-01"))
        .isNotEqualTo(ArticleIds.idFor(null, null, "A title", "2025-01-02"));
  }
}
