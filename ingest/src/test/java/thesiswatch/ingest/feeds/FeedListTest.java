package thesiswatch.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

  @ParameterizedTest
  @ValueSource(strings = {"soon", "0s", "-5m", "1ms", "31d", "9223372036854775807s"})
  void aBadIntervalNamesTheFeed(String interval) {
    // 1ms would poll a publisher a thousand times a second; 9223372036854775807s overflows later.
    assertThatThrownBy(
            () ->
                FeedList.parse(
                    "<opml><body><outline xmlUrl=\"https://x.example/f\""
                        + " interval=\""
                        + interval
                        + "\"/></body></opml>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid interval '"
                + interval
                + "' for feed https://x.example/f: expected a duration from 1s to 30d, such as"
                + " 30m");
  }

  @Test
  void aFileLargerThanAnyFeedListIsRefusedUnread(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("feeds.opml");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] block = new byte[1 << 20];
      for (int i = 0; i <= FeedList.MAX_BYTES >> 20; i++) {
        out.write(block);
      }
    }
    assertThatThrownBy(() -> FeedList.read(big))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feed list " + big + " is larger than 64 MiB");
  }

  @Test
  void theIntervalsAtTheBoundsAreTaken() {
    assertThat(
            FeedList.parse(
                    "<opml><body><outline xmlUrl=\"https://x.example/a\" interval=\"1s\"/><outline"
                        + " xmlUrl=\"https://x.example/b\" interval=\"30d\"/></body></opml>")
                .stream()
                .map(FeedSpec::interval))
        .containsExactly(Duration.ofSeconds(1), Duration.ofDays(30));
  }
}
