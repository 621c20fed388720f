package thesiswatch.dashboard.index;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.PostingsOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import thesiswatch.dashboard.index.cache.TermStateCache;

/**
 * Highlights the hits of one page with the match offsets read from the index: the four text fields
 * keep offsets in their postings, so no hit's title or summary is analysed again (SmartCN and
 * English analysis of every hit used to be most of a search's CPU). The texts themselves are not
 * stored twice: they come from the hits' JSON, already read for the page.
 *
 * <p>Titles are highlighted whole, summaries as their best sentence. Matches are read per term (a
 * phrase's words are flagged one by one, only where the phrase matched), not through the query's
 * weight: that built a postings enum per hit, field and term, and halved the cost of a page's
 * highlights when dropped. One instance per page (it is bound to the page's searcher and texts).
 */
final class HitHighlighter extends UnifiedHighlighter {

  private final Map<Integer, String[]> texts;
  private final TermStateCache termStates;

  /**
   * A highlighter over {@code searcher} whose texts are {@code texts}: doc id → {title, summary},
   * finding terms in each segment through {@code termStates}.
   */
  HitHighlighter(
      IndexSearcher searcher,
      Analyzer analyzer,
      Map<Integer, String[]> texts,
      TermStateCache termStates) {
    super(
        UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new SegmentFormatter())
            .withScorer(new SmallPassageScorer())
            .withWeightMatches(false)
            .withHandleMultiTermQuery(true)
            .withFieldMatcher(HitHighlighter::textField));
    this.texts = texts;
    this.termStates = termStates;
  }

  /** A highlighter that analyses the text it is given (for {@link #highlightWithoutSearcher}). */
  static UnifiedHighlighter analysing(Analyzer analyzer, boolean title) {
    Supplier<BreakIterator> breaks = title ? WholeBreakIterator::new : HitHighlighter::sentences;
    return UnifiedHighlighter.builderWithoutSearcher(analyzer)
        .withBreakIterator(breaks)
        .withFormatter(new SegmentFormatter())
        .withScorer(new SmallPassageScorer())
        .withWeightMatches(false)
        .withHandleMultiTermQuery(true)
        .withFieldMatcher(HitHighlighter::textField)
        .build();
  }

  /**
   * Each field is highlighted with the query's terms of every text field: a Latin word is searched
   * in the English fields only ({@link UserQueryParser}), yet {@code OpenAI} must be marked in a
   * Chinese headline too, which is highlighted from its Chinese fields (SmartCN keeps Latin words,
   * lower-cased and stemmed as the English analysis does). A term a field does not hold marks
   * nothing.
   */
  private static boolean textField(String queryField) {
    return ArticleSchema.SEARCH_FIELDS_EN.containsKey(queryField)
        || ArticleSchema.SEARCH_FIELDS_ZH.containsKey(queryField);
  }

  /**
   * Whether {@code query} holds wildcard, prefix or fuzzy parts. From postings such a part is
   * highlighted by walking the field's whole term dictionary for every hit, far dearer than
   * analysing twenty headlines, so those queries are highlighted by analysis.
   */
  static boolean needsAnalysis(Query query) {
    boolean[] found = {false};
    query.visit(
        new QueryVisitor() {
          @Override
          public void consumeTermsMatching(
              Query q, String field, Supplier<ByteRunAutomaton> automaton) {
            found[0] = true;
          }
        });
    return found[0];
  }

  /**
   * The highlighted {@code fields} of {@code docIds}, one passage each.
   *
   * @return per field, per doc id (in the order given): a {@code List<Segment>}, or null without a
   *     passage
   */
  Map<String, Object[]> highlight(String[] fields, Query query, int[] docIds) throws IOException {
    int[] passages = new int[fields.length];
    Arrays.fill(passages, 1);
    return highlightFieldsAsObjects(fields, query, docIds, passages);
  }

  /**
   * Offsets come from the postings: {@link ArticleIndex#open} only opens indexes whose text fields
   * keep them. Said here rather than looked up, because the lookup merges the field infos of every
   * segment, for every page.
   */
  @Override
  protected OffsetSource getOffsetSource(String field) {
    return OffsetSource.POSTINGS;
  }

  @Override
  protected FieldOffsetStrategy getOffsetStrategy(
      OffsetSource offsetSource, UHComponents components) {
    return offsetSource == OffsetSource.POSTINGS
        ? new KnownTermsOffsetStrategy(components, termStates)
        : super.getOffsetStrategy(offsetSource, components);
  }

  @Override
  protected BreakIterator getBreakIterator(String field) {
    return field.startsWith("title") ? new WholeBreakIterator() : sentences();
  }

  private static BreakIterator sentences() {
    return BreakIterator.getSentenceInstance(Locale.ROOT);
  }

  @Override
  protected List<CharSequence[]> loadFieldValues(
      String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold) throws IOException {
    List<CharSequence[]> values = new ArrayList<>();
    for (int doc = docIter.nextDoc();
        doc != DocIdSetIterator.NO_MORE_DOCS;
        doc = docIter.nextDoc()) {
      String[] text = texts.get(doc);
      CharSequence[] row = new CharSequence[fields.length];
      for (int i = 0; i < fields.length; i++) {
        row[i] = fields[i].startsWith("title") ? text[0] : text[1];
      }
      values.add(row);
    }
    return values;
  }

  /**
   * Lucene's passage score (BM25 over the passage's distinct terms), computed without the 32 KB
   * hash Lucene's scorer allocates for every passage: a headline's passage has a handful of
   * matches, so distinct terms are found by comparing them in place.
   */
  static final class SmallPassageScorer extends PassageScorer {
    @Override
    public float score(Passage passage, int contentLength) {
      int matches = passage.getNumMatches();
      BytesRef[] terms = passage.getMatchTerms();
      int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
      float score = 0;
      for (int i = 0; i < matches; i++) {
        boolean first = true;
        for (int j = 0; j < i && first; j++) {
          first = !terms[j].bytesEquals(terms[i]);
        }
        if (!first) {
          continue;
        }
        int inPassage = 1;
        for (int j = i + 1; j < matches; j++) {
          if (terms[j].bytesEquals(terms[i])) {
            inPassage++;
          }
        }
        score += tf(inPassage, passage.getLength()) * weight(contentLength, freqsInDoc[i]);
      }
      return score * norm(passage.getStartOffset());
    }
  }

  /**
   * Reads each hit's match offsets from the postings, finding the query's terms in the hit's
   * segment through the {@link TermStateCache} rather than the segment's term index (Lucene's
   * strategy looks every term up again for every hit and field). Phrases go Lucene's way. One
   * instance per field and page, used by one thread.
   */
  private static final class KnownTermsOffsetStrategy extends PostingsOffsetStrategy {
    private final TermStateCache termStates;
    private LeafReader segment;

    KnownTermsOffsetStrategy(UHComponents components, TermStateCache termStates) {
      super(components);
      this.termStates = termStates;
    }

    @Override
    public OffsetsEnum getOffsetsEnum(LeafReader reader, int docId, String content)
        throws IOException {
      segment = reader;
      return super.getOffsetsEnum(reader, docId, content);
    }

    @Override
    protected void createOffsetsEnumsForTerms(
        BytesRef[] terms, Terms termsIndex, int doc, List<OffsetsEnum> results) throws IOException {
      TermsEnum termsEnum = termsIndex.iterator();
      for (BytesRef term : terms) {
        TermStateCache.Entry entry = termStates.entry(segment, getField(), term);
        if (entry == TermStateCache.ABSENT) {
          continue;
        }
        termsEnum.seekExact(term, entry.state());
        PostingsEnum postings = termsEnum.postings(null, PostingsEnum.OFFSETS);
        if (postings.advance(doc) == doc) {
          results.add(new OffsetsEnum.OfPostings(term, postings));
        }
      }
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
