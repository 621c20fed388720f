package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinksTest {

  @Test
  void theCanonicalFormLowerCasesDropsDefaultPortsFragmentsAndTrackingParameters() {
    assertThat(
            Links.canonical("HTTPS://News.Example.com:443/tech/a?utm_source=rss&id=7&fbclid=x#top"))
        .isEqualTo("https://news.example.com/tech/a?id=7");
    assertThat(Links.canonical("http://Example.COM:8080/a?b=1&utm_medium=x#frag"))
        .isEqualTo("http://example.com:8080/a?b=1");
    assertThat(Links.canonical("http://example.com")).isEqualTo("http://example.com/");
    assertThat(Links.canonical("http://example.com:80/x?spm=1.2&Page=2"))
        .isEqualTo("http://example.com/x?Page=2");
  }

  @Test
  void onlyAbsoluteHttpLinksWithAHostAreWebLinks() {
    for (String notWeb :
        new String[] {
          null,
          "",
          "  ",
          "javascript:alert(1)",
          "data:text/html,x",
          "/relative/path",
          "ftp://example.com/a",
          "http://",
          "not a uri at all",
          "mailto:a@example.com"
        }) {
      assertThat(Links.canonical(notWeb)).as(notWeb).isNull();
      assertThat(Links.web(notWeb)).as(notWeb).isNull();
    }
    assertThat(Links.web(" https://example.com/a?utm_source=x#f "))
        .isEqualTo("https://example.com/a?utm_source=x#f");
  }

  @Test
  void aRelativeLinkIsResolvedAgainstItsBaseThenCanonicalised() {
    assertThat(Links.resolve("/news/1?utm_campaign=x", "https://example.com/feed.xml"))
        .isEqualTo("https://example.com/news/1");
    assertThat(Links.resolve("item 2.html", "https://example.com/blog/"))
        .isEqualTo("https://example.com/blog/item%202.html");
    assertThat(Links.resolve("/news/1", null)).isNull();
    assertThat(Links.resolve("javascript:void(0)", "https://example.com/")).isNull();
    assertThat(Links.resolve(" ", "https://example.com/")).isNull();
  }

  @Test
  void theHostIsLowerCasedOrNullWhenThereIsNone() {
    assertThat(Links.host("https://News.Example.com:8443/x")).isEqualTo("news.example.com");
    assertThat(Links.host("http://[::1]:9/x")).isEqualTo("[::1]");
    assertThat(Links.host("/relative")).isNull();
    assertThat(Links.host("not a uri")).isNull();
    assertThat(Links.host(null)).isNull();
  }
}
