package thesiswatch.dashboard.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.testkit.TestArticles;

/**
 * The index on its own: replace by id, positions and states only as durable as the commit, bucket
 * counts, the newest-first index sort, totals as lower bounds past the threshold, highlights from
 * the offsets in the index.
 */
class ArticleIndexTest {

  private static TaggedArticle retag(TaggedArticle a, List<ThemeMatch> themes) {
    return new TaggedArticle(
        a.schemaVersion(),
        a.id(),
        a.guid(),
        a.title(),
        a.link(),
        a.summary(),
        a.published(),
        a.fetched(),
        a.lang(),
        a.feedUrl(),
        a.feedTitle(),
        a.sources(),
        themes,
        "v2",
        a.classified());
  }

  @Test
  void aNewerRecordForAnIdReplacesTheOlder(@TempDir Path dir) {
    List<TaggedArticle> articles = TestArticles.tagged("tagged-small.jsonl");
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      articles.forEach(index::upsert);
      index.upsert(
          retag(
              articles.get(0),
              List.of(new ThemeMatch("vc_funding", 1.0, "neutral", List.of(), null))));
      index.refresh();
      assertThat(index.size()).isEqualTo(12);
      assertThat(index.count(ArticleFilter.ALL.withTheme("layoffs"))).isEqualTo(4);
      assertThat(index.count(ArticleFilter.ALL.withTheme("vc_funding"))).isEqualTo(3);
    }
  }

  @Test
  void onlyCommittedPositionsAndStatesSurviveAReopen(@TempDir Path dir) {
    List<TaggedArticle> articles = TestArticles.tagged("tagged-small.jsonl");
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      for (int i = 0; i < 6; i++) {
        index.upsert(articles.get(i), "articles.tagged", i % 3, 100 + i);
      }
      index.putState("alerts", "[\"one\"]");
      index.commit();
      for (int i = 6; i < 12; i++) {
        index.upsert(articles.get(i), "articles.tagged", i % 3, 100 + i);
      }
      index.putState("alerts", "[\"one\",\"two\"]");
      // closed without a commit, as a crash would leave it
    }
    try (ArticleIndex reopened = ArticleIndex.open(dir)) {
      reopened.refresh();
      assertThat(reopened.size()).isEqualTo(6);
      assertThat(reopened.positions("articles.tagged"))
          .isEqualTo(Map.of(0, 103L, 1, 104L, 2, 105L));
      assertThat(reopened.positions("other")).isEmpty();
      assertThat(reopened.state("alerts")).contains("[\"one\"]");
    }
  }

  @Test
  void bucketsCountThemeAndTotalFromDocValues(@TempDir Path dir) {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      TestArticles.tagged("tagged-small.jsonl").forEach(index::upsert);
      index.refresh();
      BucketCounts counted =
          index.countBuckets(
              ArticleFilter.ALL.withTheme("layoffs"),
              Interval.DAY,
              Instant.parse("2025-02-09T13:00:00Z"),
              Instant.parse("2025-02-12T00:00:00Z"));
      assertThat(counted.counts()).containsExactly(1, 2, 1);
      assertThat(counted.totals()).containsExactly(2, 3, 3);
      BucketCounts chinese =
          index.countBuckets(
              new ArticleFilter(null, null, "zh", null, null, null),
              Interval.WEEK,
              Instant.parse("2025-02-03T00:00:00Z"),
              Instant.parse("2025-02-17T00:00:00Z"));
      assertThat(chinese.counts()).containsExactly(1, 2);
      // The same days in Shanghai (UTC+8): each starts at 16:00 UTC the day before, so the
      // articles fall into other buckets than in UTC.
      BucketCounts shanghai =
          index.countBuckets(
              ArticleFilter.ALL.withTheme("layoffs"),
              Interval.DAY,
              ZoneId.of("Asia/Shanghai"),
              Instant.parse("2025-02-09T16:00:00Z"),
              Instant.parse("2025-02-12T16:00:00Z"));
      assertThat(shanghai.start(0)).isEqualTo(Instant.parse("2025-02-09T16:00:00Z"));
      assertThat(shanghai.end(2)).isEqualTo(Instant.parse("2025-02-12T16:00:00Z"));
      assertThat(shanghai.size()).isEqualTo(3);
      assertThat(Arrays.stream(shanghai.totals()).sum())
          .isEqualTo(
              index.count(
                  ArticleFilter.ALL.between(
                      Instant.parse("2025-02-09T16:00:00Z"),
                      Instant.parse("2025-02-12T16:00:00Z"))));
      assertThat(index.timeRange().orElseThrow())
          .containsExactly(
              Instant.parse("2025-02-05T10:00:00Z"), Instant.parse("2025-02-11T11:00:00Z"));
    }
  }

  private static TaggedArticle numbered(int i, String title) {
    return at("n" + i, i % 500, title + " " + i);
  }

  /** Article {@code id}, published {@code minute} minutes after 2025-03-01T00:00Z. */
  private static TaggedArticle at(String id, int minute, String title) {
    Instant time = Instant.parse("2025-03-01T00:00:00Z").plusSeconds(60L * minute);
    return new TaggedArticle(
        1,
        id,
        null,
        title,
        null,
        "",
        time,
        time,
        "en",
        "https://feed.example.com/rss",
        null,
        List.of(),
        List.of(new ThemeMatch("layoffs", 1.0, "neutral", List.of(), null)),
        "v1",
        time);
  }

  @Test
  void everySegmentIsSortedNewestFirstWithOffsetsInTheTextPostings(@TempDir Path dir)
      throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      TestArticles.tagged("tagged-small.jsonl").forEach(index::upsert);
      index.commit();
    }
    try (FSDirectory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
        assertThat(segment.info.getIndexSort()).isEqualTo(ArticleSchema.INDEX_SORT);
      }
      for (LeafReaderContext leaf : reader.leaves()) {
        NumericDocValues times = leaf.reader().getNumericDocValues(ArticleSchema.TIME);
        long previous = Long.MAX_VALUE;
        for (int doc = times.nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = times.nextDoc()) {
          assertThat(times.longValue()).isLessThanOrEqualTo(previous);
          previous = times.longValue();
        }
        for (String field :
            List.of(
                ArticleSchema.TITLE_EN,
                ArticleSchema.TITLE_ZH,
                ArticleSchema.SUMMARY_EN,
                ArticleSchema.SUMMARY_ZH)) {
          FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
          assertThat(info.getIndexOptions())
              .isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        }
      }
    }
  }

  @Test
  void anIndexOfThePreviousLayoutVersionIsRefusedSoThatItIsRebuilt(
      @TempDir Path dir, @TempDir Path current) throws Exception {
    // As the dashboard wrote it before the shared Chinese chain: sorted, offsets, the same fields,
    // SmartCN without Traditional→Simplified, and no layout version in the commit.
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter old =
            new IndexWriter(
                directory,
                new IndexWriterConfig(new SmartChineseAnalyzer())
                    .setIndexSort(ArticleSchema.INDEX_SORT))) {
      TaggedArticle article = TestArticles.tagged("tagged-small.jsonl").get(0);
      old.updateDocument(ArticleSchema.idTerm(article), ArticleSchema.document(article));
      old.setLiveCommitData(Map.of("offset:articles.tagged:0", "1").entrySet());
      old.commit();
    }
    assertThatThrownBy(() -> ArticleIndex.open(dir))
        .isInstanceOf(IncompatibleIndexException.class)
        .hasMessageContaining("written by an older dashboard (layout version 1 (none recorded)")
        .hasMessageContaining("expected " + ArticleSchema.LAYOUT_VERSION)
        .hasMessageContaining("delete " + dir);
    // An index this version wrote records its layout in every commit and opens again.
    try (ArticleIndex index = ArticleIndex.open(current)) {
      index.upsert(TestArticles.tagged("tagged-small.jsonl").get(0), "articles.tagged", 0, 1);
      index.commit();
    }
    try (FSDirectory directory = FSDirectory.open(current)) {
      assertThat(SegmentInfos.readLatestCommit(directory).getUserData())
          .containsEntry(ArticleSchema.LAYOUT_KEY, ArticleSchema.LAYOUT_VERSION);
    }
    try (ArticleIndex index = ArticleIndex.open(current)) {
      assertThat(index.size()).isEqualTo(1);
    }
  }

  @Test
  void anIndexWrittenWithoutTheSortIsRefusedSayingWhatToDo(@TempDir Path dir) throws Exception {
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter old =
            new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
      Document doc = new Document();
      doc.add(new StringField(ArticleSchema.ID, "old", org.apache.lucene.document.Field.Store.NO));
      old.addDocument(doc);
      old.commit();
    }
    assertThatThrownBy(() -> ArticleIndex.open(dir))
        .isInstanceOf(IncompatibleIndexException.class)
        .hasMessageContaining("written by an older dashboard")
        .hasMessageContaining("delete " + dir)
        .hasMessageContaining("replaying articles.tagged");
    // The refusal leaves the directory unlocked and untouched: deleting it and opening again works.
    try (FSDirectory directory = FSDirectory.open(dir)) {
      assertThat(DirectoryReader.indexExists(directory)).isTrue();
      for (String file : directory.listAll()) {
        directory.deleteFile(file);
      }
    }
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      assertThat(index.size()).isZero();
    }
  }

  @Test
  void totalsAreExactUpToTheThresholdAndALowerBoundBeyondUnlessCountedFromStatistics(
      @TempDir Path dir) {
    int n = ArticleIndex.EXACT_TOTAL_UP_TO + 50;
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      for (int i = 0; i < n; i++) {
        index.upsert(numbered(i, i % 2 == 0 ? "Layoffs at the plant" : "Layoffs at the mill"));
      }
      index.upsert(numbered(n, "Hiring at the port"));
      index.refresh();
      // A text query: counting stops at the threshold, and the total says it is a lower bound. (A
      // single term in one field would be counted from its document frequency: two terms.)
      SearchPage text = index.search(new SearchRequest("layoffs | mill", null, 20, null, null));
      assertThat(text.hits()).hasSize(20);
      assertThat(text.totalExact()).isFalse();
      assertThat(text.total()).isBetween((long) ArticleIndex.EXACT_TOTAL_UP_TO, (long) n - 1);
      // Under the threshold the count is exact.
      SearchPage few = index.search(new SearchRequest("plant", null, 20, null, null));
      assertThat(few.totalExact()).isTrue();
      assertThat(few.total()).isEqualTo(n / 2);
      // A plain filter without deletions is counted exactly from the term statistics.
      SearchPage theme =
          index.search(
              new SearchRequest(null, ArticleFilter.ALL.withTheme("layoffs"), 20, null, null));
      assertThat(theme.totalExact()).isTrue();
      assertThat(theme.total()).isEqualTo(n + 1);
      // So is a time range alone: each segment counts it without visiting its hits.
      Instant minute250 = Instant.parse("2025-03-01T00:00:00Z").plusSeconds(60 * 250);
      SearchPage since =
          index.search(
              new SearchRequest(null, ArticleFilter.ALL.between(minute250, null), 20, null, null));
      assertThat(since.totalExact()).isTrue();
      assertThat(since.total())
          .isEqualTo(IntStream.rangeClosed(0, n).filter(i -> i % 500 >= 250).count());
    }
  }

  @Test
  void newestFirstPagesFollowTheIndexOrderThroughTiesAndRefreshes(@TempDir Path dir) {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 1200; i++) {
        index.upsert(numbered(i, "Layoffs"));
        if (i % 400 == 399) {
          index.refresh(); // several segments
        }
      }
      index.refresh();
      // 500 distinct minutes, newest first; within a minute, by id key.
      List<TaggedArticle> all = new ArrayList<>();
      for (int i = 0; i < 1200; i++) {
        all.add(numbered(i, "Layoffs"));
      }
      all.sort(
          java.util.Comparator.comparing(TaggedArticle::effectiveTime)
              .reversed()
              .thenComparingLong(a -> ArticleSchema.idKey(a.id())));
      all.forEach(a -> expected.add(a.id()));
      assertThat(pagedIds(index, null, null)).isEqualTo(expected);
    }
  }

  @Test
  void aTimeRangeFindsExactlyItsArticlesInEverySegmentBoundsIncluded(@TempDir Path dir) {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      List<TaggedArticle> live = new ArrayList<>();
      for (int i = 0; i < 1200; i++) {
        TaggedArticle article = numbered(i, i % 3 == 0 ? "Layoffs at the plant" : "Hiring");
        index.upsert(article);
        live.add(article);
        if (i % 400 == 399) {
          index.refresh(); // several segments, each sorted on its own
        }
      }
      // Replaced articles: deleted documents inside the ranges, their newer versions elsewhere.
      for (int i = 0; i < 1200; i += 7) {
        TaggedArticle replacement = at("n" + i, (i + 1) % 500, "Layoffs moved");
        index.upsert(replacement);
        live.set(i, replacement);
      }
      index.refresh();
      Instant first = Instant.parse("2025-03-01T00:00:00Z");
      Instant[][] ranges = {
        {first.plusSeconds(60 * 100), first.plusSeconds(60 * 101)}, // one minute: from included
        {first.plusSeconds(60 * 100), first.plusSeconds(60 * 100 + 1)}, // to excluded, 1 s after
        {first.plusSeconds(60 * 17 + 30), first.plusSeconds(60 * 433 + 30)}, // between minutes
        {first, null},
        {null, first.plusSeconds(60 * 250)},
        {first.minusSeconds(86_400), first}, // before every article: none
        {first.plusSeconds(60 * 499), null}, // the newest minute only
      };
      for (Instant[] range : ranges) {
        ArticleFilter filter = ArticleFilter.ALL.between(range[0], range[1]);
        List<String> expected =
            live.stream()
                .filter(a -> range[0] == null || !a.effectiveTime().isBefore(range[0]))
                .filter(a -> range[1] == null || a.effectiveTime().isBefore(range[1]))
                .map(TaggedArticle::id)
                .sorted()
                .toList();
        String what = Arrays.toString(range);
        assertThat(allIds(index, null, filter)).as(what).isEqualTo(expected);
        assertThat(index.count(filter)).as(what).isEqualTo(expected.size());
        List<String> layoffs =
            live.stream()
                .filter(a -> a.title().startsWith("Layoffs"))
                .map(TaggedArticle::id)
                .filter(expected::contains)
                .sorted()
                .toList();
        assertThat(allIds(index, "layoffs", filter)).as("layoffs " + what).isEqualTo(layoffs);
      }
    }
  }

  /** The ids of every hit of a search, newest first, in pages of 100. */
  private static List<String> pagedIds(ArticleIndex index, String q, ArticleFilter filter) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      SearchPage page = index.search(new SearchRequest(q, filter, 100, cursor, null));
      page.hits().forEach(h -> ids.add(h.article().article().id()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return ids;
  }

  /** The same ids, sorted: which articles a search finds, whatever their order. */
  private static List<String> allIds(ArticleIndex index, String q, ArticleFilter filter) {
    return pagedIds(index, q, filter).stream().sorted().toList();
  }

  @Test
  void highlightsFromTheIndexEqualThoseFromAnalysis(@TempDir Path dir) {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      TestArticles.tagged("tagged-small.jsonl").forEach(index::upsert);
      index.refresh();
      for (String q : List.of("layoffs", "裁员", "\"funding drought\"", "AI", "算法")) {
        SearchPage fromIndex = index.search(new SearchRequest(q, null, 20, null, null));
        assertThat(fromIndex.hits()).as(q).isNotEmpty();
        assertThat(
                fromIndex.hits().stream().anyMatch(h -> h.title().stream().anyMatch(Segment::hit)))
            .as(q)
            .isTrue();
      }
      // A query with a wildcard is highlighted by analysing the hits: the same segments.
      SearchPage exact = index.search(new SearchRequest("layoffs", null, 20, null, null));
      SearchPage analysed = index.search(new SearchRequest("layoff*", null, 20, null, null));
      assertThat(analysed.hits())
          .extracting(SearchPage.Hit::title)
          .isEqualTo(exact.hits().stream().map(SearchPage.Hit::title).toList());
      assertThat(analysed.hits())
          .extracting(SearchPage.Hit::summary)
          .isEqualTo(exact.hits().stream().map(SearchPage.Hit::summary).toList());
    }
  }

  @Test
  void aReplacedArticleIsShownAsReplacedNeverFromAnOlderParse(@TempDir Path dir) {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.upsert(numbered(1, "Layoffs at the plant"));
      index.refresh();
      SearchRequest newest = new SearchRequest(null, null, 20, null, null);
      assertThat(index.search(newest).hits().get(0).article().article().title())
          .isEqualTo("Layoffs at the plant 1");
      for (int round = 0; round < 3; round++) {
        index.upsert(numbered(1, "Hiring at the plant v" + round));
        index.refresh();
        SearchPage page = index.search(newest);
        assertThat(page.hits()).hasSize(1);
        assertThat(page.hits().get(0).article().article().title())
            .isEqualTo("Hiring at the plant v" + round + " 1");
      }
    }
  }
}
