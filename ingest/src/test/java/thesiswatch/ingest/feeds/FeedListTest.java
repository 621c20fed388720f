package thesiswatch.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import thesiswatch.ingest.LoopbackFeedServer;

class FeedListTest {

  static final List<FeedSpec> EXPECTED =
      List.of(
          new FeedSpec(
              "https://36kr.example.com/feed",
              "36氪",
              "https://36kr.example.com/",
              "zh-CN",
              "tech",
              Duration.ofMinutes(30),
              true),
          new FeedSpec("https://old.example.com/rss", "Old feed", null, "zh-CN", null, null, false),
          new FeedSpec(
              "https://labour.example.org/atom.xml",
              "Labour Wire",
              null,
              "en",
              "labour",
              null,
              true));

  @Test
  void readsNestedOutlinesWithTheirSettingsEachUrlOnce() {
    String opml = new String(LoopbackFeedServer.resource("feeds.opml"), StandardCharsets.UTF_8);
    assertThat(FeedList.parse(opml)).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void writesOpmlThatReadsBackTheSame() {
    assertThat(FeedList.parse(FeedList.write("export", EXPECTED)))
        .containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void aBadIntervalNamesTheFeed() {
    assertThatThrownBy(
            () ->
                FeedList.parse(
                    "<opml><body><outline xmlUrl=\"https://x.example/f\""
                        + " interval=\"soon\"/></body></opml>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid interval 'soon' for feed https://x.example/f: expected a duration such as"
                + " 30m");
  }
}
