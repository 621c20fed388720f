package thesiswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import thesiswatch.ingest.fault.FeedFault;

/** An RSS item's Atom elements are read, and every date form of feeds2's date suites parses. */
class EntryLinksAndDatesTest {

  @Test
  void anRssItemsAtomLinkIsItsLink() throws FeedFault {
    assertThat(Feeds2.only("miniflux/rss/TestParseEntryWithAtomLink.xml").link())
        .isEqualTo("https://example.org/item");
    // The alternate one, not a rel="payment" before it.
    assertThat(Feeds2.only("miniflux/rss/TestParseEntryWithMultipleAtomLinks.xml").link())
        .isEqualTo("https://example.org/b");
  }

  @Test
  void anRssItemsAtomContentIsItsSummaryWhenItHasNoDescription() throws FeedFault {
    assertThat(
            Feeds2.only(
                    "gofeed/testdata/translator/rss/feed_item_content_-_rss_channel_item_content_atom.xml")
                .summary())
        .isEqualTo("Body");
  }

  @Test
  void anRssItemsAtomDatesAreItsDates() throws FeedFault {
    assertThat(
            Feeds2.only(
                    "gofeed/testdata/translator/rss/feed_item_published_-_rss_channel_item_published_atom.xml")
                .published())
        .isEqualTo(Instant.parse("2019-01-02T15:04:05Z"));
    assertThat(
            Feeds2.only(
                    "gofeed/testdata/translator/rss/feed_item_updated_-_rss_channel_item_updated_atom.xml")
                .published())
        .isEqualTo(Instant.parse("2020-01-02T15:04:05Z"));
  }

  @Test
  void aDateWithAnIanaZoneNameParsesWithThatZonesDaylightSavingTime() throws FeedFault {
    // Fri, 31 Mar 2023 20:19:00 America/Los_Angeles: PDT, seven hours behind UTC.
    assertThat(Feeds2.parse("dates/miniflux_pubdate.xml").entries().get(1).published())
        .isEqualTo(Instant.parse("2023-04-01T03:19:00Z"));
  }

  @Test
  void everyDateOfTheDateSuitesParses() throws FeedFault {
    assertThat(published("dates/gofeed_pubdate.xml"))
        .containsExactly(
            "2006-01-02T20:04:05Z", // EST
            "2006-01-02T20:04:05Z", // "Mon,02 January 2006": no space, full month name
            "2006-01-02T19:04:05Z", // EDT
            "2006-01-02T21:04:05Z", // CST in a feed without a Chinese language: US Central
            "2006-01-02T23:04:05Z", // PST
            "2006-01-02T22:04:05Z", // PDT
            "2006-01-02T13:04:05Z", // CEST
            "2006-01-02T15:04:05Z", // GMT
            "2006-01-02T15:04:05Z", // UTC
            "2006-01-02T22:04:05Z", // -0700
            "2006-01-02T15:04:05Z", // ISO 8601, Z
            "2006-01-02T22:04:05Z",
            "2006-01-02T22:04:05Z", // one-digit day
            "2006-01-02T22:04:05Z", // no weekday
            "2006-01-02T22:04:05Z", // ISO 8601, -07:00
            "2006-01-02T15:04:05Z", // fraction of a second dropped
            "2006-01-02T15:04:05Z", // no zone: the feed's (UTC for a feed without language)
            "2006-01-02T00:00:00Z"); // a date alone
    assertThat(published("dates/miniflux_pubdate.xml"))
        .containsExactly(
            "2017-12-22T22:09:49Z",
            "2023-04-01T03:19:00Z",
            "2003-06-03T09:39:21Z",
            "2018-12-26T18:00:54Z",
            "2021-02-11T03:46:00Z",
            "2018-10-28T12:48:00Z");
    assertThat(published("dates/rome_rfc822_pubdate.xml"))
        .containsOnly("2005-07-19T17:00:42Z") // GMT, a two-digit year, UT, UTC, Z
        .hasSize(5);
    assertThat(published("dates/rome_w3c_published.xml"))
        .containsExactly(
            "2005-07-19T17:00:42Z",
            "2005-07-19T17:00:00Z",
            "2005-07-19T00:00:00Z",
            "2005-07-01T00:00:00Z",
            "2005-01-01T00:00:00Z");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Fri, 31 Mar 2023 20:19:00 America/Los_Angeles|2023-04-01T03:19:00Z",
        "Mon, 15 Jan 2024 10:00:00 Europe/Berlin|2024-01-15T09:00:00Z",
        "Sat, Dec 16 2023 02:02:33 PM|2023-12-16T14:02:33Z",
        "Dec 16, 2023 12:05 AM EST|2023-12-16T05:05:00Z",
        "Mon, 26 Sept 2005 21:46:23+0900|2005-09-26T12:46:23Z",
        "2017-06-13T03:18:00+00:0|2017-06-13T03:18:00Z",
        "Mon, 02 Jan 2006 15:04:05 GMT+8|2006-01-02T07:04:05Z"
      })
  void readsZoneNamesTwelveHourClocksAndLooseOffsets(String raw, String expected) {
    Dates.Result result = Dates.parse(raw, ZoneOffset.UTC);
    assertThat(result.verdict()).isEqualTo(Dates.Verdict.PARSED);
    assertThat(result.instant()).isEqualTo(Instant.parse(expected));
  }

  @Test
  void anUnknownRegionOrAnHourOffTheTwelveHourClockIsNoDate() {
    assertThat(Dates.parse("Fri, 31 Mar 2023 20:19:00 Mars/Olympus_Mons", ZoneOffset.UTC).verdict())
        .isEqualTo(Dates.Verdict.UNRECOGNISED);
    assertThat(Dates.parse("Sat, Dec 16 2023 13:02:33 PM", ZoneOffset.UTC).verdict())
        .isEqualTo(Dates.Verdict.IMPOSSIBLE);
  }

  private static List<String> published(String path) throws FeedFault {
    return Feeds2.parse(path).entries().stream()
        .map(entry -> String.valueOf(entry.published()))
        .toList();
  }
}
