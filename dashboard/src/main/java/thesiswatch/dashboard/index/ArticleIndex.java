package thesiswatch.dashboard.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;

/**
 * The dashboard's on-disk Lucene index of tagged articles: one document per article id (a newer
 * record for the same id replaces the older one), searchable in English and Chinese, with the
 * effective time as points and doc values so that trend counts are read from the index itself.
 *
 * <p>The positions of the records indexed (topic, partition → next offset) and small named states
 * (e.g. the alert state) are written into the Lucene commit's user data, atomically with the
 * documents: after a crash the index and the positions agree, so replaying from the positions
 * loses nothing and counts nothing twice. Documents become searchable on {@link #refresh()} and
 * durable on {@link #commit()}.
 *
 * <p>Thread-safe: one thread writes, any number search.
 */
public final class ArticleIndex implements Closeable {

  static final String ID = "id";
  static final String JSON = "json";
  static final String TIME = "time";
  static final String THEME = "theme";
  static final String THEME_STANCE = "theme_stance";
  static final String STANCE = "stance";
  static final String LANG = "lang";
  static final String SOURCE = "source";
  static final String TITLE_EN = "title_en";
  static final String TITLE_ZH = "title_zh";
  static final String SUMMARY_EN = "summary_en";
  static final String SUMMARY_ZH = "summary_zh";

  /** Title matches weigh more than summary matches. */
  private static final Map<String, Float> SEARCH_FIELDS =
      Map.of(TITLE_EN, 2f, TITLE_ZH, 2f, SUMMARY_EN, 1f, SUMMARY_ZH, 1f);

  private static final String OFFSET_PREFIX = "offset:";
  private static final String STATE_PREFIX = "state:";
  /** Characters of a summary passage shown with a hit. */
  private static final int SUMMARY_PASSAGE_CHARS = 240;

  private static final Sort NEWEST =
      new Sort(new SortField(TIME, SortField.Type.LONG, true), new SortField(ID, SortField.Type.STRING));
  private static final Sort RELEVANCE =
      new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.STRING));

  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer;
  private final UserQueryParser queryParser;
  private final UnifiedHighlighter titleHighlighter;
  private final UnifiedHighlighter summaryHighlighter;
  /** Positions and states to be written with the next commit. */
  private final Map<String, String> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private ArticleIndex(FSDirectory directory, IndexWriter writer, Analyzer analyzer) throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.analyzer = analyzer;
    this.searchers = new SearcherManager(writer, null);
    this.queryParser = new UserQueryParser(analyzer, SEARCH_FIELDS);
    this.titleHighlighter =
        UnifiedHighlighter.builderWithoutSearcher(analyzer)
            .withBreakIterator(WholeBreakIterator::new)
            .withFormatter(new SegmentFormatter())
            .withHandleMultiTermQuery(true)
            .build();
    this.summaryHighlighter =
        UnifiedHighlighter.builderWithoutSearcher(analyzer)
            .withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.ROOT))
            .withFormatter(new SegmentFormatter())
            .withHandleMultiTermQuery(true)
            .build();
    Iterable<Map.Entry<String, String>> committed = writer.getLiveCommitData();
    if (committed != null) {
      committed.forEach(e -> pending.put(e.getKey(), e.getValue()));
    }
  }

  /**
   * Opens (or creates) the index in {@code dir}.
   *
   * @throws UncheckedIOException when the directory cannot be used, e.g. another process holds its lock
   */
  public static ArticleIndex open(Path dir) {
    try {
      FSDirectory directory = FSDirectory.open(dir);
      Analyzer analyzer = analyzer();
      IndexWriterConfig config =
          new IndexWriterConfig(analyzer)
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
              // Only an explicit commit carries positions; closing must not commit half a batch.
              .setCommitOnClose(false);
      IndexWriter writer;
      try {
        writer = new IndexWriter(directory, config);
      } catch (IOException | RuntimeException e) {
        directory.close();
        throw e;
      }
      return new ArticleIndex(directory, writer, analyzer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the dashboard index in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** English analysis for {@code *_en} fields, Chinese word segmentation for {@code *_zh}. */
  static Analyzer analyzer() {
    Analyzer english = new EnglishAnalyzer();
    Analyzer chinese = new SmartChineseAnalyzer();
    return new PerFieldAnalyzerWrapper(
        new StandardAnalyzer(),
        Map.of(TITLE_EN, english, SUMMARY_EN, english, TITLE_ZH, chinese, SUMMARY_ZH, chinese));
  }

  // ---------------------------------------------------------------- writing

  /**
   * Adds {@code article}, replacing any earlier document with its id, and records that
   * {@code topic}/{@code partition} is read up to {@code nextOffset} (exclusive).
   */
  public void upsert(TaggedArticle article, String topic, int partition, long nextOffset) {
    upsert(article);
    recordPosition(topic, partition, nextOffset);
  }

  /** Records that {@code topic}/{@code partition} is read up to {@code nextOffset}, e.g. past a skipped record. */
  public void recordPosition(String topic, int partition, long nextOffset) {
    pending.put(OFFSET_PREFIX + topic + ":" + partition, Long.toString(nextOffset));
  }

  /** Adds {@code article}, replacing any earlier document with its id. */
  public void upsert(TaggedArticle article) {
    try {
      writer.updateDocument(new Term(ID, article.id()), document(article));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index article " + article.id(), e);
    }
  }

  private static Document document(TaggedArticle article) {
    Document doc = new Document();
    doc.add(new StringField(ID, article.id(), Field.Store.NO));
    doc.add(new SortedDocValuesField(ID, new BytesRef(article.id())));
    doc.add(new StoredField(JSON, Json.bytes(article)));
    long time = article.effectiveTime().toEpochMilli();
    doc.add(new LongPoint(TIME, time));
    doc.add(new NumericDocValuesField(TIME, time));
    Set<String> themes = new LinkedHashSet<>();
    for (ThemeMatch match : article.themes()) {
      if (themes.add(match.id())) {
        doc.add(new StringField(THEME, match.id(), Field.Store.NO));
        doc.add(new SortedSetDocValuesField(THEME, new BytesRef(match.id())));
        doc.add(new StringField(THEME_STANCE, match.id() + ":" + match.stance(), Field.Store.NO));
        doc.add(new SortedSetDocValuesField(THEME_STANCE, new BytesRef(match.id() + ":" + match.stance())));
        doc.add(new StringField(STANCE, match.stance(), Field.Store.NO));
        doc.add(new SortedSetDocValuesField(STANCE, new BytesRef(match.stance())));
      }
    }
    doc.add(new StringField(LANG, IndexedArticle.langOf(article), Field.Store.NO));
    doc.add(new StringField(SOURCE, IndexedArticle.sourceOf(article), Field.Store.NO));
    doc.add(new TextField(TITLE_EN, article.title(), Field.Store.NO));
    doc.add(new TextField(TITLE_ZH, article.title(), Field.Store.NO));
    doc.add(new TextField(SUMMARY_EN, article.summary(), Field.Store.NO));
    doc.add(new TextField(SUMMARY_ZH, article.summary(), Field.Store.NO));
    return doc;
  }

  /** Sets the named state (e.g. {@code alerts}) to be written with the next commit. */
  public void putState(String name, String value) {
    pending.put(STATE_PREFIX + name, value);
  }

  /** The named state as last put or committed. */
  public Optional<String> state(String name) {
    return Optional.ofNullable(pending.get(STATE_PREFIX + name));
  }

  /**
   * The next offset to read per partition of {@code topic}, as last recorded (committed, when
   * called right after opening).
   */
  public Map<Integer, Long> positions(String topic) {
    Map<Integer, Long> positions = new TreeMap<>();
    String prefix = OFFSET_PREFIX + topic + ":";
    pending.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            positions.put(Integer.parseInt(key.substring(prefix.length())), Long.parseLong(value));
          }
        });
    return positions;
  }

  /** Makes everything added so far durable, together with the positions and states. */
  public void commit() {
    try {
      writer.setLiveCommitData(new HashMap<>(pending).entrySet());
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the dashboard index", e);
    }
  }

  /** Makes everything added so far searchable (not durable). */
  public void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot refresh the dashboard index", e);
    }
  }

  /** The error that closed the writer for good (disk full, I/O error), or null while healthy. */
  public Throwable tragedy() {
    return writer.getTragicException();
  }

  // ---------------------------------------------------------------- reading

  /** Articles in the index (as of the last refresh). */
  public long size() {
    return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
  }

  /** Articles matching {@code filter}. */
  public long count(ArticleFilter filter) {
    return withSearcher(searcher -> (long) searcher.count(filterQuery(filter, true)));
  }

  /** The earliest and latest effective times in the index, or empty when it is empty. */
  public Optional<Instant[]> timeRange() {
    return withSearcher(
        searcher -> {
          DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
          if (reader.numDocs() == 0) {
            return Optional.empty();
          }
          byte[] min = PointValues.getMinPackedValue(reader, TIME);
          byte[] max = PointValues.getMaxPackedValue(reader, TIME);
          if (min == null || max == null) {
            return Optional.empty();
          }
          return Optional.of(
              new Instant[] {
                Instant.ofEpochMilli(LongPoint.decodeDimension(min, 0)),
                Instant.ofEpochMilli(LongPoint.decodeDimension(max, 0))
              });
        });
  }

  /**
   * Per bucket of {@code interval} from {@code start} (aligned) to {@code end} (exclusive): the
   * articles of {@code filter.theme()} (and {@code filter.stance()}, when given; all articles
   * when neither is) and all articles, both under the filter's language and source.
   *
   * <p>Counted from doc values, per segment: a segment's buckets are computed in one pass and
   * kept until the segment changes (segments are immutable; a new deletion gives a new segment
   * reader and so a new cache key), so repeated requests only count new segments.
   *
   * @return {@code [counts, totals]}, one entry per bucket
   */
  public long[][] countBuckets(ArticleFilter filter, Interval interval, Instant start, Instant end) {
    long first = interval.floor(start.toEpochMilli());
    long width = interval.millis();
    long endMillis = end.toEpochMilli();
    int buckets = (int) Math.max(0, (endMillis - first + width - 1) / width);
    long[] counts = new long[buckets];
    long[] totals = new long[buckets];
    if (buckets == 0) {
      return new long[][] {counts, totals};
    }
    withSearcher(searcher -> {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        LeafBuckets cached = leafBuckets(searcher, leaf, filter, interval);
        int i = Arrays.binarySearch(cached.starts(), first);
        for (i = i >= 0 ? i : -i - 1; i < cached.starts().length && cached.starts()[i] < endMillis; i++) {
          int bucket = (int) ((cached.starts()[i] - first) / width);
          counts[bucket] += cached.counts()[i];
          totals[bucket] += cached.totals()[i];
        }
      }
      return null;
    });
    return new long[][] {counts, totals};
  }

  /** One segment's non-empty buckets, sorted by start. */
  private record LeafBuckets(long[] starts, long[] counts, long[] totals) {}

  /** Bucket sets kept per segment (least recently used dropped first). */
  private static final int BUCKET_SETS_PER_SEGMENT = 64;

  private final Map<IndexReader.CacheKey, Map<String, LeafBuckets>> bucketCache = new ConcurrentHashMap<>();

  private LeafBuckets leafBuckets(IndexSearcher searcher, LeafReaderContext leaf, ArticleFilter filter,
      Interval interval) throws IOException {
    IndexReader.CacheHelper helper = leaf.reader().getReaderCacheHelper();
    if (helper == null) {
      return countLeaf(searcher, leaf, filter, interval);
    }
    Map<String, LeafBuckets> sets = bucketCache.computeIfAbsent(helper.getKey(), key -> {
      helper.addClosedListener(bucketCache::remove);
      return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LeafBuckets> eldest) {
          return size() > BUCKET_SETS_PER_SEGMENT;
        }
      });
    });
    String key = filter.theme() + "|" + filter.stance() + "|" + filter.lang() + "|" + filter.source() + "|" + interval;
    LeafBuckets cached = sets.get(key);
    if (cached == null) {
      cached = countLeaf(searcher, leaf, filter, interval);
      sets.put(key, cached);
    }
    return cached;
  }

  /** Counts one segment: every live document under the language/source filter, in one pass. */
  private static LeafBuckets countLeaf(IndexSearcher searcher, LeafReaderContext leaf, ArticleFilter filter,
      Interval interval) throws IOException {
    ArticleFilter scope = new ArticleFilter(null, null, filter.lang(), filter.source(), null, null);
    Weight weight = searcher.createWeight(searcher.rewrite(filterQuery(scope, false)), ScoreMode.COMPLETE_NO_SCORES, 1);
    BulkScorer scorer = weight.bulkScorer(leaf);
    Map<Long, long[]> byStart = new HashMap<>();
    if (scorer != null) {
      NumericDocValues times = DocValues.getNumeric(leaf.reader(), TIME);
      Matcher matcher = new Matcher(leaf, filter);
      scorer.score(new LeafCollector() {
        @Override
        public void setScorer(Scorable scorable) {}

        @Override
        public void collect(int doc) throws IOException {
          if (!times.advanceExact(doc)) {
            return;
          }
          long[] bucket = byStart.computeIfAbsent(interval.floor(times.longValue()), k -> new long[2]);
          bucket[1]++;
          if (matcher.matches(doc)) {
            bucket[0]++;
          }
        }
      }, leaf.reader().getLiveDocs());
    }
    long[] starts = byStart.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    long[] counts = new long[starts.length];
    long[] totals = new long[starts.length];
    for (int i = 0; i < starts.length; i++) {
      long[] bucket = byStart.get(starts[i]);
      counts[i] = bucket[0];
      totals[i] = bucket[1];
    }
    return new LeafBuckets(starts, counts, totals);
  }

  /** Whether a document has the filter's theme (and stance), read from doc values. */
  private static final class Matcher {
    private final SortedSetDocValues values;
    private final long ord;
    private final boolean all;

    Matcher(LeafReaderContext leaf, ArticleFilter filter) throws IOException {
      all = filter.theme() == null && filter.stance() == null;
      String field;
      String term;
      if (filter.theme() != null && filter.stance() != null) {
        field = THEME_STANCE;
        term = filter.theme() + ":" + filter.stance();
      } else if (filter.theme() != null) {
        field = THEME;
        term = filter.theme();
      } else {
        field = STANCE;
        term = filter.stance();
      }
      values = DocValues.getSortedSet(leaf.reader(), field);
      ord = all ? -1 : values.lookupTerm(new BytesRef(term));
    }

    boolean matches(int doc) throws IOException {
      if (all) {
        return true;
      }
      if (ord < 0 || !values.advanceExact(doc)) {
        return false;
      }
      for (int i = 0; i < values.docValueCount(); i++) {
        if (values.nextOrd() == ord) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * One page of articles for {@code request}.
   *
   * @throws BadQueryException when the text or the cursor is not acceptable
   */
  public SearchPage search(SearchRequest request) {
    Query text = request.hasText() ? queryParser.parse(request.text().strip()) : null;
    Query filter = filterQuery(request.filter(), true);
    Query query = text == null ? filter
        : new BooleanQuery.Builder()
            .add(text, BooleanClause.Occur.MUST)
            .add(filter, BooleanClause.Occur.FILTER)
            .build();
    Sort sort = request.order() == SearchRequest.Order.RELEVANCE ? RELEVANCE : NEWEST;
    return withSearcher(
        searcher -> {
          // The last doc id makes any document equal to the cursor's sort values count as "before" it.
          FieldDoc after = request.cursor() == null ? null
              : decodeCursor(request.cursor(), request.order(), searcher.getIndexReader().maxDoc() - 1);
          TopDocs top;
          try {
            // Scores are only needed (and only computed) when they are the sort.
            top = searcher.searchAfter(after, query, request.limit(), sort, false);
          } catch (IndexSearcher.TooManyClauses e) {
            throw new BadQueryException("too_many_clauses", "the query expands to too many terms; use longer words before *");
          }
          List<SearchPage.Hit> hits = new ArrayList<>();
          for (ScoreDoc scoreDoc : top.scoreDocs) {
            TaggedArticle article =
                Json.read(searcher.storedFields().document(scoreDoc.doc).getBinaryValue(JSON).bytes, TaggedArticle.class);
            boolean chinese = "zh".equals(IndexedArticle.langOf(article));
            List<Segment> title =
                highlight(titleHighlighter, chinese ? TITLE_ZH : TITLE_EN, text, article.title(), article.title());
            String summaryStart = article.summary().length() <= SUMMARY_PASSAGE_CHARS
                ? article.summary()
                : article.summary().substring(0, SUMMARY_PASSAGE_CHARS) + "…";
            List<Segment> summary =
                highlight(summaryHighlighter, chinese ? SUMMARY_ZH : SUMMARY_EN, text, article.summary(), summaryStart);
            Float score = request.order() == SearchRequest.Order.RELEVANCE ? (Float) ((FieldDoc) scoreDoc).fields[0] : null;
            hits.add(new SearchPage.Hit(IndexedArticle.of(article), score, title, summary));
          }
          String next = null;
          if (top.scoreDocs.length == request.limit()) {
            next = encodeCursor((FieldDoc) top.scoreDocs[top.scoreDocs.length - 1], request.order());
          }
          long total = searcher.count(query);
          return new SearchPage(hits, total, next);
        });
  }

  @SuppressWarnings("unchecked")
  private static List<Segment> highlight(
      UnifiedHighlighter highlighter, String field, Query query, String content, String fallback)
      throws IOException {
    if (content.isEmpty()) {
      return List.of();
    }
    if (query != null) {
      Object result = highlighter.highlightWithoutSearcher(field, query, content, 1);
      if (result instanceof List<?> segments && !segments.isEmpty()) {
        return (List<Segment>) segments;
      }
    }
    return List.of(new Segment(fallback, false));
  }

  /**
   * Builds the filter part of a query; {@code withTheme} false leaves the theme and stance out.
   * No filter is {@link MatchAllDocsQuery} and filters are pure FILTER clauses, so that Lucene
   * can count hits from index statistics and skip ahead when sorting by time.
   */
  private static Query filterQuery(ArticleFilter filter, boolean withTheme) {
    List<Query> clauses = new ArrayList<>();
    if (withTheme && filter.theme() != null) {
      clauses.add(new TermQuery(new Term(THEME, filter.theme())));
      if (filter.stance() != null) {
        clauses.add(new TermQuery(new Term(THEME_STANCE, filter.theme() + ":" + filter.stance())));
      }
    } else if (withTheme && filter.stance() != null) {
      clauses.add(new TermQuery(new Term(STANCE, filter.stance())));
    }
    if (filter.lang() != null) {
      clauses.add(new TermQuery(new Term(LANG, filter.lang())));
    }
    if (filter.source() != null) {
      clauses.add(new TermQuery(new Term(SOURCE, filter.source())));
    }
    if (filter.from() != null || filter.to() != null) {
      long from = filter.from() == null ? Long.MIN_VALUE : filter.from().toEpochMilli();
      long to = filter.to() == null ? Long.MAX_VALUE : filter.to().toEpochMilli() - 1;
      clauses.add(LongPoint.newRangeQuery(TIME, from, to));
    }
    if (clauses.isEmpty()) {
      return new MatchAllDocsQuery();
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    clauses.forEach(clause -> builder.add(clause, BooleanClause.Occur.FILTER));
    return builder.build();
  }

  private static String encodeCursor(FieldDoc last, SearchRequest.Order order) {
    BytesRef id = (BytesRef) last.fields[1];
    ByteBuffer buffer = ByteBuffer.allocate(9 + id.length);
    buffer.put((byte) order.ordinal());
    if (order == SearchRequest.Order.RELEVANCE) {
      buffer.putLong(Float.floatToIntBits((Float) last.fields[0]));
    } else {
      buffer.putLong((Long) last.fields[0]);
    }
    buffer.put(id.bytes, id.offset, id.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  private static FieldDoc decodeCursor(String cursor, SearchRequest.Order order, int lastDoc) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      if (buffer.remaining() < 10 || buffer.get() != order.ordinal()) {
        throw new IllegalArgumentException("wrong cursor kind");
      }
      long value = buffer.getLong();
      byte[] id = new byte[buffer.remaining()];
      buffer.get(id);
      Object first = order == SearchRequest.Order.RELEVANCE ? (Object) Float.intBitsToFloat((int) value) : (Object) value;
      return new FieldDoc(Math.max(0, lastDoc), Float.NaN, new Object[] {first, new BytesRef(id)});
    } catch (IllegalArgumentException e) {
      throw new BadQueryException("bad_cursor", "cursor is not one this dashboard issued for this order");
    }
  }

  /** Work done with an acquired searcher. */
  @FunctionalInterface
  private interface SearcherWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherWork<T> work) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return work.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard index", e);
    }
  }

  /** Closes the index without committing (call {@link #commit()} first to keep recent work). Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      searchers.close();
      writer.close();
      analyzer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the dashboard index", e);
    }
  }

  /** Formats a highlighted passage as segments (hit or not), never as markup. */
  private static final class SegmentFormatter extends PassageFormatter {
    @Override
    public Object format(Passage[] passages, String content) {
      List<Segment> segments = new ArrayList<>();
      for (Passage passage : passages) {
        int position = passage.getStartOffset();
        for (int i = 0; i < passage.getNumMatches(); i++) {
          int start = Math.max(position, passage.getMatchStarts()[i]);
          int end = passage.getMatchEnds()[i];
          if (end <= start) {
            continue;
          }
          if (start > position) {
            segments.add(new Segment(content.substring(position, start), false));
          }
          segments.add(new Segment(content.substring(start, end), true));
          position = end;
        }
        if (position < passage.getEndOffset()) {
          segments.add(new Segment(content.substring(position, passage.getEndOffset()), false));
        }
      }
      return segments;
    }
  }
}
