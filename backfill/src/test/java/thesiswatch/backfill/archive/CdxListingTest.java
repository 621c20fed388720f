package thesiswatch.backfill.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import thesiswatch.common.BackfillState;

class CdxListingTest {

  static final String FEED = "https://example.com/feed";

  @Test
  void waybackRowsNameTheirFieldsAndEndWithTheResumeKey() throws Exception {
    CdxListing page =
        CdxListing.parse(
            """
            [["timestamp","original","digest"],
             ["20250105120000","http://www.example.com/feed/","AAA"],
             ["2025010612","https://example.com/feed","-"],
             ["not-a-time","https://example.com/feed","BBB"],
             [],
             ["com,example)/feed 20250106120000"]]
            """,
            FEED);
    assertThat(page.captures())
        .containsExactly(
            new Capture(
                "20250105120000",
                Instant.parse("2025-01-05T12:00:00Z"),
                "http://www.example.com/feed/",
                "AAA"),
            new Capture("2025010612", Instant.parse("2025-01-06T12:00:00Z"), FEED, null));
    assertThat(page.badRows()).isEqualTo(1);
    assertThat(page.resumeKey()).isEqualTo("com,example)/feed 20250106120000");
    assertThat(CdxListing.parse("[]", FEED).captures()).isEmpty();
    assertThat(CdxListing.parse("", FEED).captures()).isEmpty();
  }

  @Test
  void pywbJsonLinesNameTheOriginalUrlOrLeaveItOut() throws Exception {
    CdxListing page =
        CdxListing.parse(
            """
            {"urlkey": "com,example)/feed", "timestamp": "20250105120000", "url": "http://example.com/feed", "digest": "sha1:AAA"}
            {"timestamp": "2025", "digest": "sha1:BBB"}
            """,
            FEED);
    assertThat(page.captures())
        .extracting(Capture::original, Capture::time)
        .containsExactly(
            tuple("http://example.com/feed", Instant.parse("2025-01-05T12:00:00Z")),
            tuple(FEED, Instant.parse("2025-01-01T00:00:00Z")));
    assertThat(page.resumeKey()).isNull();
  }

  @Test
  void aBrokenJsonLineCostsItsRowNotThePage() throws Exception {
    CdxListing page =
        CdxListing.parse(
            """
            {"timestamp": "20250105120000", "url": "http://example.com/feed", "digest": "sha1:AAA"}
            {"timestamp": "2025010
            {"timestamp": "20250230120000", "digest": "sha1:CCC"}
            {"timestamp": "20250107120000", "digest": "sha1:DDD"}
            """,
            FEED);
    assertThat(page.captures())
        .extracting(Capture::time)
        .containsExactly(
            Instant.parse("2025-01-05T12:00:00Z"), Instant.parse("2025-01-07T12:00:00Z"));
    assertThat(page.badRows()).as("the broken line and February 30th").isEqualTo(2);
    assertThatThrownBy(() -> CdxListing.parse("{not json\n{nor this", FEED))
        .isInstanceOf(CdxListing.InvalidListing.class)
        .hasMessageStartingWith("cdx: invalid JSON from the archive");
  }

  @Test
  void anHtmlErrorPageIsNoListing() {
    assertThatThrownBy(
            () -> CdxListing.parse("<html><body>Service unavailable</body></html>", FEED))
        .isInstanceOf(CdxListing.InvalidListing.class)
        .hasMessageStartingWith("cdx: the archive answered neither JSON rows nor JSON lines");
    assertThatThrownBy(() -> CdxListing.parse("[[\"timestamp\"", FEED))
        .isInstanceOf(CdxListing.InvalidListing.class);
  }

  @Test
  void timestampsOfFourteenDigitsOrFewerAreRead() {
    assertThat(CdxTimestamps.parse("20250210101500"))
        .isEqualTo(Instant.parse("2025-02-10T10:15:00Z"));
    assertThat(CdxTimestamps.parse("202502")).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
    assertThat(CdxTimestamps.parse("20250230")).isNull();
    assertThat(CdxTimestamps.parse("123")).isNull();
    assertThat(CdxTimestamps.parse("202502101015001")).isNull();
  }

  @Test
  void coveredRangesMerge() {
    BackfillState.Range a =
        new BackfillState.Range(
            Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-10T00:00:00Z"));
    List<BackfillState.Range> b =
        ArchiveSource.cover(
            List.of(a),
            Instant.parse("2025-01-05T00:00:00Z"),
            Instant.parse("2025-02-01T00:00:00Z"));
    assertThat(b)
        .containsExactly(
            new BackfillState.Range(
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z")));
    List<BackfillState.Range> c =
        ArchiveSource.cover(
            b, Instant.parse("2024-07-01T00:00:00Z"), Instant.parse("2024-08-01T00:00:00Z"));
    assertThat(c).hasSize(2);
  }
}
