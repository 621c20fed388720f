package thesiswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import thesiswatch.common.ArticleIds;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Ids: stable for the same story reached by other tracking parameters or from another feed, yet not
 * merging entries that a feed keeps apart on one page (see {@link Entries}).
 */
class EntryIdsTest {

  static final Instant FETCHED = Instant.parse("2026-01-01T00:00:00Z");

  static ParsedFeed rss(String url, String items) throws FeedFault {
    String xml = "<rss version=\"2.0\"><channel><title>t</title>" + items + "</channel></rss>";
    return new FeedParser(FeedParser.DEFAULT_MAX_ENTRIES)
        .parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml", url, null, FETCHED);
  }

  static String item(String title, String link, String guid) {
    return "<item><title>"
        + title
        + "</title>"
        + (link == null ? "" : "<link>" + link + "</link>")
        + (guid == null ? "" : "<guid isPermaLink=\"false\">" + guid + "</guid>")
        + "</item>";
  }

  @Test
  void theSameStoryFromTwoFeedsWithOtherTrackingParametersHasOneId() throws FeedFault {
    FeedEntry fromA =
        rss(
                "https://a.example/feed",
                item("BigCo cuts jobs", "https://news.example/bigco?utm_source=a#top", "a-1"))
            .entries()
            .get(0);
    FeedEntry fromB =
        rss(
                "https://b.example/rss",
                item("BigCo cuts 1,200 jobs", "https://NEWS.example/bigco?fbclid=xyz", "b-77"))
            .entries()
            .get(0);
    assertThat(fromA.id())
        .isEqualTo(fromB.id())
        .isEqualTo(ArticleIds.idFor("https://news.example/bigco", null, null, null));
    assertThat(fromA.link()).isEqualTo("https://news.example/bigco");
  }

  @Test
  void entriesThatShareAPageButNotAGuidKeepTheirOwnIdsFromTheirGuids() throws FeedFault {
    // Dave Winer's RSS 2.0 sample: two posts, one page, guids told apart by their fragments.
    List<FeedEntry> entries =
        Feeds2.parse("feed-rs/feed-rs/fixture/rss2/rss_2.0_spec_1.xml").entries();
    assertThat(entries).hasSize(2);
    assertThat(entries)
        .extracting(FeedEntry::link)
        .containsOnly("http://scriptingnews.userland.com/backissues/2002/09/29");
    assertThat(entries.get(0).id())
        .isEqualTo(
            ArticleIds.idFor(
                null,
                "http://scriptingnews.userland.com/backissues/2002/09/29#When:12:59:01PM",
                null,
                null));
    // Sixteen entries of the xml:base tests all link to one result page; their ids differ.
    assertThat(Feeds2.parse("rome/rome/src/test/resources/atom_1.0_b.xml").entries())
        .extracting(FeedEntry::id)
        .doesNotHaveDuplicates()
        .hasSize(16);
  }

  @Test
  void entriesWithoutGuidsThatSharePageTellTheirFragmentsApart() throws FeedFault {
    // A Chinese blog host numbering its posts by anchor on weekly archive pages: 16 posts, not 3.
    List<FeedEntry> entries = Feeds2.parse("chardet/tests/GB2312/cnblog.org.xml").entries();
    assertThat(entries).hasSize(16);
    assertThat(entries).extracting(FeedEntry::id).doesNotHaveDuplicates();
    assertThat(entries.get(0).link())
        .isEqualTo("http://www.cnblog.org/blog/archives/2004_08_29_cnblog_archive.html");
    assertThat(entries.get(0).id())
        .isEqualTo(
            ArticleIds.idFor(
                null,
                "http://www.cnblog.org/blog/archives/2004_08_29_cnblog_archive.html"
                    + "#109424958546889584",
                null,
                null));
  }

  @Test
  void anEntryThatSharesNothingKeepsItsLinksIdAndRepeatsCountOnce() throws FeedFault {
    ParsedFeed feed =
        rss(
            "https://blog.example/feed",
            item("Post one", "https://blog.example/p#one", "g1")
                + item("Post two", "https://blog.example/p#two", "g2")
                + item("Alone", "https://blog.example/alone#comments", "g3")
                + item("Listed twice", "https://blog.example/twice", "g4")
                + item("Listed twice, edited", "https://blog.example/twice", "g4"));
    assertThat(feed.entries())
        .extracting(FeedEntry::id)
        .containsExactly(
            ArticleIds.idFor(null, "g1", null, null),
            ArticleIds.idFor(null, "g2", null, null),
            ArticleIds.idFor("https://blog.example/alone", null, null, null),
            ArticleIds.idFor("https://blog.example/twice", null, null, null));
    assertThat(feed.entries().get(3).title()).isEqualTo("Listed twice");
  }
}
