package thesiswatch.dashboard.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import thesiswatch.common.TaggedArticle;
import thesiswatch.dashboard.index.cache.ParsedArticleCache;
import thesiswatch.dashboard.index.cache.TermStateCache;

/**
 * Pages of search results: the user's text parsed under the caps, the filter, the page in the order
 * asked for, a total counted up to a cap, and each hit's title and summary highlighted.
 *
 * <p>Thread-safe; each search runs on the searcher it is given.
 */
final class ArticleSearcher {

  /**
   * Hits are counted exactly up to this many; beyond it a search's total is a lower bound unless
   * the index can tell the exact count without visiting the hits (a plain filter, no deletions).
   */
  static final int EXACT_TOTAL_UP_TO = 10_000;

  /** Characters of a summary passage shown with a hit. */
  private static final int SUMMARY_PASSAGE_CHARS = 240;

  private static final Sort NEWEST = ArticleSchema.INDEX_SORT;

  /**
   * A first newest-first page: the index order, without Lucene's skipping by points and terms.
   * Index order already ends each segment's search after a page of hits; the skipping would first
   * build, per segment, the set of documents newer than the page's oldest, which cost a tenth of
   * such a page's CPU. A page after a cursor keeps the skipping: it jumps past the documents before
   * the cursor.
   */
  private static final Sort NEWEST_FIRST_PAGE = withoutSkipping(ArticleSchema.INDEX_SORT);

  private static final Sort RELEVANCE =
      new Sort(SortField.FIELD_SCORE, new SortField(ArticleSchema.ID_KEY, SortField.Type.LONG));

  private final Analyzer analyzer;
  private final UserQueryParser queryParser;

  /** For queries with wildcards only (see {@link HitHighlighter#needsAnalysis}). */
  private final UnifiedHighlighter titleHighlighter;

  private final UnifiedHighlighter summaryHighlighter;
  private final TermStateCache termStates = new TermStateCache();
  private final ParsedArticleCache<IndexedArticle> parsed = new ParsedArticleCache<>();

  /** A searcher analysing queries and, for wildcard queries, hits with {@code analyzer}. */
  ArticleSearcher(Analyzer analyzer) {
    this.analyzer = analyzer;
    this.queryParser =
        new UserQueryParser(
            analyzer, ArticleSchema.SEARCH_FIELDS_EN, ArticleSchema.SEARCH_FIELDS_ZH);
    this.titleHighlighter = HitHighlighter.analysing(analyzer, true);
    this.summaryHighlighter = HitHighlighter.analysing(analyzer, false);
  }

  /**
   * One page of articles for {@code request} from {@code searcher}.
   *
   * @throws BadQueryException when the text or the cursor is not acceptable
   */
  SearchPage search(IndexSearcher searcher, SearchRequest request) throws IOException {
    Query text = request.hasText() ? queryParser.parse(request.text().strip()) : null;
    Query filter = ArticleSchema.filterQuery(request.filter(), true);
    Query query =
        text == null
            ? filter
            : new BooleanQuery.Builder()
                .add(text, BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .build();
    Sort sort =
        request.order() == SearchRequest.Order.RELEVANCE
            ? RELEVANCE
            : request.cursor() == null ? NEWEST_FIRST_PAGE : NEWEST;
    Query bound = termStates.bind(query, searcher);
    int maxDoc = searcher.getIndexReader().maxDoc();
    FieldDoc after =
        request.cursor() == null
            ? null
            : SearchCursor.decode(request.cursor(), request.order(), maxDoc - 1);
    TopFieldCollectorManager pages =
        new TopFieldCollectorManager(
            sort, Math.min(request.limit(), Math.max(1, maxDoc)), after, request.limit(), false);
    CappedHitCount.PageAndTotal result;
    try {
      // Scores are only computed when they are the sort. The page's collector counts no
      // further than the page, so a newest-first page (the index order) ends each segment
      // with its last hit, while the count goes on beside it over the same weight. A page by
      // relevance keeps a weight of its own, which skips hits that cannot score high enough.
      if (request.order() == SearchRequest.Order.RELEVANCE) {
        TopFieldDocs page = searcher.search(bound, pages);
        CappedHitCount.PageAndTotal count =
            searcher.search(bound, CappedHitCount.alone(EXACT_TOTAL_UP_TO));
        result = new CappedHitCount.PageAndTotal(page, count.total(), count.exact());
      } else {
        result = searcher.search(bound, CappedHitCount.withPage(pages, EXACT_TOTAL_UP_TO));
      }
    } catch (IndexSearcher.TooManyClauses e) {
      throw new BadQueryException(
          "too_many_clauses", "the query expands to too many terms; use longer words before *");
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
      Float score =
          request.order() == SearchRequest.Order.RELEVANCE
              ? (Float) ((FieldDoc) top.scoreDocs[i]).fields[0]
              : null;
      hits.add(
          new SearchPage.Hit(articles.get(i), score, highlights.get(i)[0], highlights.get(i)[1]));
    }
    String next = null;
    if (top.scoreDocs.length == request.limit()) {
      next =
          SearchCursor.encode((FieldDoc) top.scoreDocs[top.scoreDocs.length - 1], request.order());
    }
    return new SearchPage(hits, result.total(), result.exact(), next);
  }

  private IndexedArticle article(IndexSearcher searcher, StoredFields stored, int doc)
      throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    return parsed.get(
        leaf.reader(), doc - leaf.docBase, inSegment -> ArticleSchema.read(stored, doc));
  }

  /**
   * Title and summary segments of each hit, in hit order: query matches flagged, from the offsets
   * in the index; the title whole and the first 240 characters of the summary when nothing in them
   * matched or there is no query.
   */
  private List<List<Segment>[]> highlights(
      IndexSearcher searcher, Query text, ScoreDoc[] docs, List<IndexedArticle> indexed)
      throws IOException {
    List<List<Segment>[]> result = new ArrayList<>(docs.length);
    Map<Integer, String[]> texts = new HashMap<>();
    List<Integer> english = new ArrayList<>();
    List<Integer> chinese = new ArrayList<>();
    for (int i = 0; i < docs.length; i++) {
      TaggedArticle article = indexed.get(i).article();
      @SuppressWarnings("unchecked")
      List<Segment>[] fallback =
          new List[] {
            plain(article.title(), article.title()),
            plain(article.summary(), summaryStart(article.summary()))
          };
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
        result.get(i)[0] =
            highlight(
                titleHighlighter,
                zh ? ArticleSchema.TITLE_ZH : ArticleSchema.TITLE_EN,
                text,
                article.title(),
                result.get(i)[0]);
        result.get(i)[1] =
            highlight(
                summaryHighlighter,
                zh ? ArticleSchema.SUMMARY_ZH : ArticleSchema.SUMMARY_EN,
                text,
                article.summary(),
                result.get(i)[1]);
      }
      return result;
    }
    HitHighlighter highlighter = new HitHighlighter(searcher, analyzer, texts, termStates);
    highlightGroup(
        highlighter,
        new String[] {ArticleSchema.TITLE_EN, ArticleSchema.SUMMARY_EN},
        text,
        docs,
        english,
        result);
    highlightGroup(
        highlighter,
        new String[] {ArticleSchema.TITLE_ZH, ArticleSchema.SUMMARY_ZH},
        text,
        docs,
        chinese,
        result);
    return result;
  }

  /**
   * Highlights the title and summary {@code fields} of the hits at {@code indexes} (one language).
   */
  @SuppressWarnings("unchecked")
  private static void highlightGroup(
      HitHighlighter highlighter,
      String[] fields,
      Query text,
      ScoreDoc[] docs,
      List<Integer> indexes,
      List<List<Segment>[]> result)
      throws IOException {
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
    return summary.length() <= SUMMARY_PASSAGE_CHARS
        ? summary
        : summary.substring(0, SUMMARY_PASSAGE_CHARS) + "…";
  }

  /** {@code shown} as one unflagged segment, or nothing when {@code content} is empty. */
  private static List<Segment> plain(String content, String shown) {
    return content.isEmpty() ? List.of() : List.of(new Segment(shown, false));
  }

  @SuppressWarnings("unchecked")
  private static List<Segment> highlight(
      UnifiedHighlighter highlighter,
      String field,
      Query query,
      String content,
      List<Segment> fallback)
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

  private static Sort withoutSkipping(Sort sort) {
    SortField[] fields = new SortField[sort.getSort().length];
    for (int i = 0; i < fields.length; i++) {
      SortField original = sort.getSort()[i];
      fields[i] = new SortField(original.getField(), original.getType(), original.getReverse());
      fields[i].setOptimizeSortWithIndexedData(false);
    }
    return new Sort(fields);
  }
}
