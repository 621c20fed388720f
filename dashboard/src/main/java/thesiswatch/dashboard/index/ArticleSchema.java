package thesiswatch.dashboard.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.common.analysis.ChineseAnalysis;
import thesiswatch.common.analysis.EnglishAnalysis;

/**
 * What the index holds and how: the field names, the analysis, the newest-first index sort, how a
 * {@link TaggedArticle} becomes a document, how a stored hit is read back, and how a filter becomes
 * a query over those fields. This is the on-disk layout: an index written by one dashboard must
 * open in the next, so a change here is a change of {@link #checkLayout}.
 */
final class ArticleSchema {

  static final String ID = "id";

  /**
   * A 64-bit hash of the id ({@link #idKey}): the tie-break of both sorts, so that a page and its
   * cursor are stable. A number rather than the id itself, because comparing ids read each from the
   * terms of its segment's doc values, a tenth of a newest-first page's CPU.
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

  /** The English fields searched by Latin text; title matches weigh more than summary matches. */
  static final Map<String, Float> SEARCH_FIELDS_EN = Map.of(TITLE_EN, 2f, SUMMARY_EN, 1f);

  /** The Chinese fields searched by Han text; title matches weigh more than summary matches. */
  static final Map<String, Float> SEARCH_FIELDS_ZH = Map.of(TITLE_ZH, 2f, SUMMARY_ZH, 1f);

  /**
   * The version of the layout below, recorded in every commit's user data ({@link IndexCheckpoint})
   * and checked by {@link #checkLayout}: an index of another version was analysed otherwise and
   * would be misread, so it is refused and rebuilt. 1 (none recorded): SmartCN without
   * Traditional→Simplified. 2: the shared chain of {@link ChineseAnalysis} (ICU's transform first).
   * 3: English through {@link EnglishAnalysis}, which keeps no and not (before, they were dropped,
   * so a search for "no layoffs" found every layoffs article). 4: the English chain reads
   * full-width letters and digits as ASCII (before, ＡＩ was another word than AI). 5: an article
   * that is not Chinese has Chinese fields only for a text that holds Han characters.
   */
  static final String LAYOUT_VERSION = "5";

  /** The commit user data key of {@link #LAYOUT_VERSION}. */
  static final String LAYOUT_KEY = "layout";

  /**
   * The order of the documents in every segment: newest effective time first, ties by {@link
   * #ID_KEY}. The newest-first search order is the same sort, so Lucene ends a newest-first search
   * as soon as the page is full and {@link ArticleSearcher#EXACT_TOTAL_UP_TO} hits are counted.
   */
  static final Sort INDEX_SORT =
      new Sort(
          new SortField(TIME, SortField.Type.LONG, true),
          new SortField(ID_KEY, SortField.Type.LONG));

  /** Text fields: offsets in the postings, so highlighting reads them instead of re-analysing. */
  private static final FieldType TEXT = textWithOffsets();

  private ArticleSchema() {}

  private static FieldType textWithOffsets() {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  /**
   * For {@code *_en} fields the English chain the classifier matches with ({@link EnglishAnalysis}:
   * stemming, stop words but for no and not); for {@code *_zh} the Chinese chain the classifier
   * matches with ({@link ChineseAnalysis#words()}: Traditional→Simplified by ICU, then SmartCN), so
   * 裁員 and 裁员 are one term in the index and in queries.
   */
  static Analyzer analyzer() {
    Analyzer english = EnglishAnalysis.analyzer();
    Analyzer chinese = ChineseAnalysis.words();
    return new PerFieldAnalyzerWrapper(
        new StandardAnalyzer(),
        Map.of(TITLE_EN, english, SUMMARY_EN, english, TITLE_ZH, chinese, SUMMARY_ZH, chinese));
  }

  /**
   * Refuses an existing index whose segments are not sorted by {@link #INDEX_SORT} (before the
   * writer sees it: the writer's own refusal names Lucene internals, not what to do), or whose last
   * commit records another {@link #LAYOUT_VERSION}.
   */
  static void checkLayout(Directory directory, Path dir) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return;
    }
    SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
    for (SegmentCommitInfo segment : commit) {
      Sort sort = segment.info.getIndexSort();
      if (!INDEX_SORT.equals(sort)) {
        throw new IncompatibleIndexException(
            dir, "index sort " + (sort == null ? "none" : sort) + ", expected newest first");
      }
    }
    String version = commit.getUserData().get(LAYOUT_KEY);
    if (!LAYOUT_VERSION.equals(version)) {
      throw new IncompatibleIndexException(
          dir,
          "layout version "
              + (version == null ? "1 (none recorded)" : version)
              + ", expected "
              + LAYOUT_VERSION);
    }
  }

  /** The term that names {@code article}'s document, for replacing it. */
  static Term idTerm(TaggedArticle article) {
    return new Term(ID, article.id());
  }

  /** The document of {@code article}. */
  static Document document(TaggedArticle article) {
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
        doc.add(
            new SortedSetDocValuesField(
                THEME_STANCE, new BytesRef(match.id() + ":" + match.stance())));
        doc.add(new StringField(STANCE, match.stance(), Field.Store.NO));
        doc.add(new SortedSetDocValuesField(STANCE, new BytesRef(match.stance())));
      }
    }
    String lang = IndexedArticle.langOf(article);
    doc.add(new StringField(LANG, lang, Field.Store.NO));
    doc.add(new StringField(SOURCE, IndexedArticle.sourceOf(article), Field.Store.NO));
    // Only Han text is searched through the Chinese fields (UserQueryParser), so an article that
    // is not Chinese gets them only for a text that holds Han: SmartCN costs ~8 µs on a Latin-only
    // text, and the terms would never be asked for. A Chinese article keeps both: its hits are
    // highlighted from the Chinese fields, whatever script a text is in.
    boolean chinese = "zh".equals(lang);
    doc.add(new Field(TITLE_EN, article.title(), TEXT));
    if (chinese || hasHan(article.title())) {
      doc.add(new Field(TITLE_ZH, article.title(), TEXT));
    }
    doc.add(new Field(SUMMARY_EN, article.summary(), TEXT));
    if (chinese || hasHan(article.summary())) {
      doc.add(new Field(SUMMARY_ZH, article.summary(), TEXT));
    }
    return doc;
  }

  /** Whether {@code codePoint} is a Han character: text the Chinese fields are searched for. */
  static boolean isHan(int codePoint) {
    return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
  }

  private static boolean hasHan(String text) {
    return text != null && text.codePoints().anyMatch(ArticleSchema::isHan);
  }

  /**
   * The article stored with document {@code doc}: the JSON is the record, the fields only index it.
   */
  static IndexedArticle read(StoredFields stored, int doc) throws IOException {
    return IndexedArticle.of(
        Json.read(stored.document(doc).getBinaryValue(JSON).bytes, TaggedArticle.class));
  }

  /**
   * The tie-break key of an id: 64-bit FNV-1a of its UTF-8 bytes. Two articles of the same
   * millisecond with the same key (odds about 2^-64) would keep their order only within a segment,
   * and a cursor between them could skip one.
   */
  static long idKey(String id) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /**
   * Builds the filter part of a query; {@code withTheme} false leaves the theme and stance out. No
   * filter is {@link MatchAllDocsQuery} and filters are pure FILTER clauses, so that Lucene can
   * count hits from index statistics and skip ahead when sorting by time.
   */
  static Query filterQuery(ArticleFilter filter, boolean withTheme) {
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
      // Every segment is sorted by time first, so the range is one run of documents, and Lucene
      // finds its two ends in the time points' tree: a point range instead builds a bit set of
      // every document in it (the whole year for a "since January" search, on every search). The
      // point range stays the fallback for a segment where the run cannot be found.
      clauses.add(
          new IndexSortSortedNumericDocValuesRangeQuery(
              TIME, from, to, LongPoint.newRangeQuery(TIME, from, to)));
    }
    if (clauses.isEmpty()) {
      return new MatchAllDocsQuery();
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    clauses.forEach(clause -> builder.add(clause, BooleanClause.Occur.FILTER));
    return builder.build();
  }
}
