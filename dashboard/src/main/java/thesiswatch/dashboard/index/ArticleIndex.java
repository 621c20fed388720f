package thesiswatch.dashboard.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
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
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.index.cache.ParsedArticleCache;
import thesiswatch.dashboard.index.cache.TermStateCache;
import thesiswatch.dashboard.index.cache.TrendBucketCache;

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
 * <p>The index is sorted newest first ({@link #INDEX_SORT}), so a newest-first page stops after
 * its hits instead of comparing every match, and the text fields keep offsets in their postings,
 * so hits are highlighted without analysing their text again. An index written before both (an
 * older dashboard) cannot be given them in place: {@link #open} refuses it with
 * {@link IncompatibleIndexException}, and it is rebuilt by deleting it and replaying the topic.
 *
 * <p>Thread-safe: one thread writes, any number search.
 */
public final class ArticleIndex implements Closeable {

  static final String ID = "id";
  /**
   * A 64-bit hash of the id ({@link #idKey}): the tie-break of both sorts, so that a page and its
   * cursor are stable. A number rather than the id itself, because comparing ids read each from
   * the terms of its segment's doc values, a tenth of a newest-first page's CPU.
   */
  static final String ID_KEY = "id_key";
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

  /**
   * The order of the documents in every segment: newest effective time first, ties by
   * {@link #ID_KEY}. The newest-first search order is the same sort, so Lucene ends a newest-first
   * search as soon as the page is full and {@link #EXACT_TOTAL_UP_TO} hits are counted.
   */
  static final Sort INDEX_SORT =
      new Sort(new SortField(TIME, SortField.Type.LONG, true), new SortField(ID_KEY, SortField.Type.LONG));
  private static final Sort NEWEST = INDEX_SORT;
  /**
   * A first newest-first page: the index order, without Lucene's skipping by points and terms.
   * Index order already ends each segment's search after a page of hits; the skipping would
   * first build, per segment, the set of documents newer than the page's oldest, which cost a
   * tenth of such a page's CPU. A page after a cursor keeps the skipping: it jumps past the
   * documents before the cursor.
   */
  private static final Sort NEWEST_FIRST_PAGE = withoutSkipping(INDEX_SORT);
  /**
   * Hits are counted exactly up to this many; beyond it a search's total is a lower bound unless
   * the index can tell the exact count without visiting the hits (a plain filter, no deletions).
   */
  public static final int EXACT_TOTAL_UP_TO = 10_000;
  /** Text fields: offsets in the postings, so highlighting reads them instead of re-analysing. */
  private static final FieldType TEXT = textWithOffsets();
  private static final Sort RELEVANCE =
      new Sort(SortField.FIELD_SCORE, new SortField(ID_KEY, SortField.Type.LONG));

  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer;
  private final UserQueryParser queryParser;
  /** For queries with wildcards only (see {@link HitHighlighter#needsAnalysis}). */
  private final UnifiedHighlighter titleHighlighter;
  private final UnifiedHighlighter summaryHighlighter;
  private final TermStateCache termStates = new TermStateCache();
  /** Positions and states to be written with the next commit. */
  private final Map<String, String> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private ArticleIndex(FSDirectory directory, IndexWriter writer, Analyzer analyzer) throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.analyzer = analyzer;
    this.searchers = new SearcherManager(writer, null);
    this.queryParser = new UserQueryParser(analyzer, SEARCH_FIELDS);
    this.titleHighlighter = HitHighlighter.analysing(analyzer, true);
    this.summaryHighlighter = HitHighlighter.analysing(analyzer, false);
    Iterable<Map.Entry<String, String>> committed = writer.getLiveCommitData();
    if (committed != null) {
      committed.forEach(e -> pending.put(e.getKey(), e.getValue()));
    }
  }

  /**
   * Opens (or creates) the index in {@code dir}.
   *
   * @throws UncheckedIOException when the directory cannot be used, e.g. another process holds its lock
   * @throws IncompatibleIndexException when {@code dir} holds an index written by an older dashboard
   *     without the newest-first sort; delete it and the dashboard rebuilds it from the topic
   */
  public static ArticleIndex open(Path dir) {
    try {
      FSDirectory directory = FSDirectory.open(dir);
      Analyzer analyzer = analyzer();
      IndexWriterConfig config =
          new IndexWriterConfig(analyzer)
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
              .setIndexSort(INDEX_SORT)
              // Only an explicit commit carries positions; closing must not commit half a batch.
              .setCommitOnClose(false);
      IndexWriter writer;
      try {
        checkLayout(directory, dir);
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

  /**
   * Refuses an existing index whose segments are not sorted by {@link #INDEX_SORT} before the
   * writer sees it (the writer's own refusal names Lucene internals, not what to do).
   */
  private static void checkLayout(Directory directory, Path dir) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return;
    }
    for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
      Sort sort = segment.info.getIndexSort();
      if (!INDEX_SORT.equals(sort)) {
        throw new IncompatibleIndexException(dir, sort == null ? "none" : sort);
      }
    }
  }

  private static FieldType textWithOffsets() {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
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
    doc.add(new NumericDocValuesField(ID_KEY, idKey(article.id())));
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
    doc.add(new Field(TITLE_EN, article.title(), TEXT));
    doc.add(new Field(TITLE_ZH, article.title(), TEXT));
    doc.add(new Field(SUMMARY_EN, article.summary(), TEXT));
    doc.add(new Field(SUMMARY_ZH, article.summary(), TEXT));
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

  /**
   * The version of the reader searches use now: it changes with every refresh that found
   * changes (new documents or deletions), so it names what any result was read from.
   */
  public long readerVersion() {
    return withSearcher(searcher -> ((DirectoryReader) searcher.getIndexReader()).getVersion());
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

  private final TrendBucketCache<LeafBuckets> bucketCache = new TrendBucketCache<>();

  private LeafBuckets leafBuckets(IndexSearcher searcher, LeafReaderContext leaf, ArticleFilter filter,
      Interval interval) throws IOException {
    String key = filter.theme() + "|" + filter.stance() + "|" + filter.lang() + "|" + filter.source() + "|" + interval;
    return bucketCache.get(leaf.reader(), key, k -> countLeaf(searcher, leaf, filter, interval));
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
   * One page of articles for {@code request}. The total is exact up to {@link #EXACT_TOTAL_UP_TO}
   * hits, and beyond it when the index can count the hits without visiting them; otherwise it is
   * a lower bound ({@link SearchPage#totalExact()} false).
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
    Sort sort = request.order() == SearchRequest.Order.RELEVANCE ? RELEVANCE
        : request.cursor() == null ? NEWEST_FIRST_PAGE : NEWEST;
    return withSearcher(
        searcher -> {
          Query bound = termStates.bind(query, searcher);
          int maxDoc = searcher.getIndexReader().maxDoc();
          // The last doc id makes any document equal to the cursor's sort values count as "before" it.
          FieldDoc after = request.cursor() == null ? null
              : decodeCursor(request.cursor(), request.order(), maxDoc - 1);
          TopFieldCollectorManager pages = new TopFieldCollectorManager(
              sort, Math.min(request.limit(), Math.max(1, maxDoc)), after, request.limit(), false);
          CappedHitCount.PageAndTotal result;
          try {
            // Scores are only computed when they are the sort. The page's collector counts no
            // further than the page, so a newest-first page (the index order) ends each segment
            // with its last hit, while the count goes on beside it over the same weight. A page by
            // relevance keeps a weight of its own, which skips hits that cannot score high enough.
            if (request.order() == SearchRequest.Order.RELEVANCE) {
              TopFieldDocs page = searcher.search(bound, pages);
              CappedHitCount.PageAndTotal count = searcher.search(bound, CappedHitCount.alone(EXACT_TOTAL_UP_TO));
              result = new CappedHitCount.PageAndTotal(page, count.total(), count.exact());
            } else {
              result = searcher.search(bound, CappedHitCount.withPage(pages, EXACT_TOTAL_UP_TO));
            }
          } catch (IndexSearcher.TooManyClauses e) {
            throw new BadQueryException("too_many_clauses", "the query expands to too many terms; use longer words before *");
          }
          TopFieldDocs top = result.page();
          StoredFields stored = searcher.storedFields();
          List<IndexedArticle> articles = new ArrayList<>(top.scoreDocs.length);
          for (ScoreDoc scoreDoc : top.scoreDocs) {
            articles.add(article(searcher, stored, scoreDoc.doc));
          }
          List<List<Segment>[]> highlights = highlights(searcher, text, top.scoreDocs, articles);
          List<SearchPage.Hit> hits = new ArrayList<>();
          for (int i = 0; i < articles.size(); i++) {
            Float score = request.order() == SearchRequest.Order.RELEVANCE
                ? (Float) ((FieldDoc) top.scoreDocs[i]).fields[0] : null;
            hits.add(new SearchPage.Hit(articles.get(i), score, highlights.get(i)[0], highlights.get(i)[1]));
          }
          String next = null;
          if (top.scoreDocs.length == request.limit()) {
            next = encodeCursor((FieldDoc) top.scoreDocs[top.scoreDocs.length - 1], request.order());
          }
          return new SearchPage(hits, result.total(), result.exact(), next);
        });
  }

  private final ParsedArticleCache<IndexedArticle> parsed = new ParsedArticleCache<>();

  private IndexedArticle article(IndexSearcher searcher, StoredFields stored, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    return parsed.get(leaf.reader(), doc - leaf.docBase, inSegment -> parse(stored, doc));
  }

  private static IndexedArticle parse(StoredFields stored, int doc) throws IOException {
    return IndexedArticle.of(Json.read(stored.document(doc).getBinaryValue(JSON).bytes, TaggedArticle.class));
  }

  /**
   * Title and summary segments of each hit, in hit order: query matches flagged, from the
   * offsets in the index; the title whole and the first 240 characters of the summary when
   * nothing in them matched or there is no query.
   */
  private List<List<Segment>[]> highlights(IndexSearcher searcher, Query text, ScoreDoc[] docs,
      List<IndexedArticle> indexed) throws IOException {
    List<List<Segment>[]> result = new ArrayList<>(docs.length);
    Map<Integer, String[]> texts = new HashMap<>();
    List<Integer> english = new ArrayList<>();
    List<Integer> chinese = new ArrayList<>();
    for (int i = 0; i < docs.length; i++) {
      TaggedArticle article = indexed.get(i).article();
      @SuppressWarnings("unchecked")
      List<Segment>[] fallback = new List[] {plain(article.title(), article.title()), plain(article.summary(), summaryStart(article.summary()))};
      result.add(fallback);
      texts.put(docs[i].doc, new String[] {article.title(), article.summary()});
      ("zh".equals(indexed.get(i).lang()) ? chinese : english).add(i);
    }
    if (text == null || docs.length == 0) {
      return result;
    }
    if (HitHighlighter.needsAnalysis(text)) {
      for (int i = 0; i < docs.length; i++) {
        TaggedArticle article = indexed.get(i).article();
        boolean zh = chinese.contains(i);
        result.get(i)[0] = highlight(titleHighlighter, zh ? TITLE_ZH : TITLE_EN, text, article.title(), result.get(i)[0]);
        result.get(i)[1] = highlight(summaryHighlighter, zh ? SUMMARY_ZH : SUMMARY_EN, text, article.summary(), result.get(i)[1]);
      }
      return result;
    }
    HitHighlighter highlighter = new HitHighlighter(searcher, analyzer, texts, termStates);
    highlightGroup(highlighter, new String[] {TITLE_EN, SUMMARY_EN}, text, docs, english, result);
    highlightGroup(highlighter, new String[] {TITLE_ZH, SUMMARY_ZH}, text, docs, chinese, result);
    return result;
  }

  /** Highlights the title and summary {@code fields} of the hits at {@code indexes} (one language). */
  @SuppressWarnings("unchecked")
  private static void highlightGroup(HitHighlighter highlighter, String[] fields, Query text, ScoreDoc[] docs,
      List<Integer> indexes, List<List<Segment>[]> result) throws IOException {
    if (indexes.isEmpty()) {
      return;
    }
    int[] docIds = indexes.stream().mapToInt(i -> docs[i].doc).toArray();
    Map<String, Object[]> highlighted = highlighter.highlight(fields, text, docIds);
    for (int f = 0; f < fields.length; f++) {
      Object[] perDoc = highlighted.get(fields[f]);
      for (int j = 0; j < indexes.size(); j++) {
        List<Segment>[] segments = result.get(indexes.get(j));
        if (!segments[f].isEmpty() && perDoc[j] instanceof List<?> list && !list.isEmpty()) {
          segments[f] = (List<Segment>) list;
        }
      }
    }
  }

  private static String summaryStart(String summary) {
    return summary.length() <= SUMMARY_PASSAGE_CHARS ? summary : summary.substring(0, SUMMARY_PASSAGE_CHARS) + "…";
  }

  /** {@code shown} as one unflagged segment, or nothing when {@code content} is empty. */
  private static List<Segment> plain(String content, String shown) {
    return content.isEmpty() ? List.of() : List.of(new Segment(shown, false));
  }

  @SuppressWarnings("unchecked")
  private static List<Segment> highlight(
      UnifiedHighlighter highlighter, String field, Query query, String content, List<Segment> fallback)
      throws IOException {
    if (content.isEmpty()) {
      return List.of();
    }
    Object result = highlighter.highlightWithoutSearcher(field, query, content, 1);
    if (result instanceof List<?> segments && !segments.isEmpty()) {
      return (List<Segment>) segments;
    }
    return fallback;
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

  private static Sort withoutSkipping(Sort sort) {
    SortField[] fields = new SortField[sort.getSort().length];
    for (int i = 0; i < fields.length; i++) {
      SortField original = sort.getSort()[i];
      fields[i] = new SortField(original.getField(), original.getType(), original.getReverse());
      fields[i].setOptimizeSortWithIndexedData(false);
    }
    return new Sort(fields);
  }

  /**
   * The tie-break key of an id: 64-bit FNV-1a of its UTF-8 bytes. Two articles of the same
   * millisecond with the same key (odds about 2^-64) would keep their order only within a
   * segment, and a cursor between them could skip one.
   */
  static long idKey(String id) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private static String encodeCursor(FieldDoc last, SearchRequest.Order order) {
    ByteBuffer buffer = ByteBuffer.allocate(CURSOR_BYTES);
    buffer.put((byte) order.ordinal());
    if (order == SearchRequest.Order.RELEVANCE) {
      buffer.putLong(Float.floatToIntBits((Float) last.fields[0]));
    } else {
      buffer.putLong((Long) last.fields[0]);
    }
    buffer.putLong((Long) last.fields[1]);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  /** A cursor: the order, the last hit's time or score, and its id key. */
  private static final int CURSOR_BYTES = 1 + Long.BYTES + Long.BYTES;

  private static FieldDoc decodeCursor(String cursor, SearchRequest.Order order, int lastDoc) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      if (buffer.remaining() != CURSOR_BYTES || buffer.get() != order.ordinal()) {
        throw new IllegalArgumentException("wrong cursor kind");
      }
      long value = buffer.getLong();
      long idKey = buffer.getLong();
      Object first = order == SearchRequest.Order.RELEVANCE ? (Object) Float.intBitsToFloat((int) value) : (Object) value;
      return new FieldDoc(Math.max(0, lastDoc), Float.NaN, new Object[] {first, idKey});
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
}
