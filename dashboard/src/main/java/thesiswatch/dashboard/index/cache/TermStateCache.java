package thesiswatch.dashboard.index.cache;

import java.io.IOException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Saves looking a query's terms up in each segment's term index on every search and hit; a
 * segment's entries are dropped when the segment is merged away (its core closes).
 *
 * <p>Where each term's postings start in each segment, looked up once per segment rather than once
 * per search. Lucene finds a term by walking the segment's term index, for every term of a query,
 * in every segment, on every search (and the highlighter does it again for every hit); with a few
 * dozen segments that lookup was the largest part of a text search's CPU. A segment's term
 * dictionary never changes, so what a lookup finds is kept with the segment's core and stays valid
 * across refreshes: after a refresh only new segments are looked up.
 *
 * <p>Thread-safe. The states handed out are shared and never changed: every segment's state is
 * registered before a {@link TermStates} is handed out (so Lucene loads none later), and Lucene's
 * term enums copy a state when seeking to it.
 */
public final class TermStateCache {

  /** Terms kept per segment. */
  static final int TERMS_PER_SEGMENT = 4096;

  /** Terms whose states are kept per index reader (all segments together). */
  static final int TERMS_PER_READER = 1024;

  /**
   * A term of a segment: where its postings are, and its statistics; {@link #ABSENT} when not
   * there.
   */
  public record Entry(TermState state, int docFreq, long totalTermFreq) {}

  /** The term does not occur in the segment. */
  public static final Entry ABSENT = new Entry(null, 0, 0);

  private record Key(String field, BytesRef bytes) {}

  private final ReaderCache<Key, Entry> segments = ReaderCache.perCore(TERMS_PER_SEGMENT);

  /**
   * Each term's states across all segments of one reader, built from the per-segment entries: so a
   * search binds each of its terms with one lookup, not one per segment.
   */
  private final ReaderCache<Term, TermStates> readers = ReaderCache.perReader(TERMS_PER_READER);

  /** The entry of {@code field}:{@code bytes} in {@code segment}. */
  public Entry entry(LeafReader segment, String field, BytesRef bytes) throws IOException {
    return segments.get(
        segment,
        new Key(field, BytesRef.deepCopyOf(bytes)),
        key -> {
          Terms terms = segment.terms(key.field());
          if (terms == null) {
            return ABSENT;
          }
          TermsEnum termsEnum = terms.iterator();
          if (!termsEnum.seekExact(key.bytes())) {
            return ABSENT;
          }
          return new Entry(termsEnum.termState(), termsEnum.docFreq(), termsEnum.totalTermFreq());
        });
  }

  /**
   * {@code query} with every term query (inside boolean, boost and constant-score queries) given
   * its states in {@code searcher}'s segments, so that searching it looks no term up again. Other
   * queries are left as they are.
   */
  public Query bind(Query query, IndexSearcher searcher) throws IOException {
    if (query instanceof TermQuery term) {
      return new TermQuery(term.getTerm(), states(searcher.getIndexReader(), term.getTerm()));
    }
    if (query instanceof BoostQuery boost) {
      return new BoostQuery(bind(boost.getQuery(), searcher), boost.getBoost());
    }
    if (query instanceof ConstantScoreQuery constant) {
      return new ConstantScoreQuery(bind(constant.getQuery(), searcher));
    }
    if (query instanceof BooleanQuery bool) {
      BooleanQuery.Builder builder =
          new BooleanQuery.Builder()
              .setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
      for (BooleanClause clause : bool.clauses()) {
        builder.add(bind(clause.getQuery(), searcher), clause.getOccur());
      }
      return builder.build();
    }
    return query;
  }

  /** Segments with kept states (for tests). */
  int segments() {
    return segments.readers();
  }

  private TermStates states(IndexReader reader, Term term) throws IOException {
    return readers.get(reader, term, t -> build(reader, t));
  }

  /**
   * The states of {@code term} in every segment of {@code reader}, all registered (none loaded
   * later).
   */
  private TermStates build(IndexReader reader, Term term) throws IOException {
    TermStates states = new TermStates(reader.getContext());
    for (LeafReaderContext leaf : reader.leaves()) {
      Entry entry = entry(leaf.reader(), term.field(), term.bytes());
      if (entry != ABSENT) {
        states.register(entry.state(), leaf.ord, entry.docFreq(), entry.totalTermFreq());
      }
    }
    return states;
  }
}
