package thesiswatch.dashboard.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import thesiswatch.common.TaggedArticle;

/**
 * The dashboard's on-disk Lucene index of tagged articles: one document per article id (a newer
 * record for the same id replaces the older one), searchable in English and Chinese, with the
 * effective time as points and doc values so that trend counts are read from the index itself.
 *
 * <p>The positions of the records indexed (topic, partition → next offset) and small named states
 * (e.g. the alert state) are written into the Lucene commit's user data, atomically with the
 * documents: after a crash the index and the positions agree, so replaying from the positions loses
 * nothing and counts nothing twice. Documents become searchable on {@link #refresh()} and durable
 * on {@link #commit()}.
 *
 * <p>The index is sorted newest first, so a newest-first page stops after its hits instead of
 * comparing every match, and the text fields keep offsets in their postings, so hits are
 * highlighted without analysing their text again. An index written before both (an older dashboard)
 * cannot be given them in place: {@link #open} refuses it with {@link IncompatibleIndexException},
 * and it is rebuilt by deleting it and replaying the topic.
 *
 * <p>Its checksums are verified when it is opened ({@link IndexIntegrity}): a damaged index is
 * refused with {@link DamagedIndexException}, never served. After a write fails (a full disk), the
 * writer is discarded and {@link #reopen()} opens a new one at the last commit, which the reader
 * then replays from; searches go on meanwhile from the last refreshed state.
 *
 * <p>This class holds the Lucene writer and searchers and hands the work to its parts: {@link
 * ArticleSchema} (the layout), {@link IndexCheckpoint} (positions and states), {@link
 * ArticleSearcher} (search pages) and {@link BucketCounter} (trend buckets).
 *
 * <p>Thread-safe: one thread writes, any number search.
 */
public final class ArticleIndex implements Closeable {

  /**
   * Hits are counted exactly up to this many; beyond it a search's total is a lower bound unless
   * the index can tell the exact count without visiting the hits (a plain filter, no deletions).
   */
  public static final int EXACT_TOTAL_UP_TO = ArticleSearcher.EXACT_TOTAL_UP_TO;

  private final Directory directory;
  private final Path dir;
  private final Analyzer analyzer;
  private final ArticleSearcher articleSearcher;
  private final BucketCounter bucketCounter = new BucketCounter();

  /** The writer with the searchers and checkpoint that belong to it; replaced by a reopen. */
  private volatile Writer current;

  private volatile boolean closed;

  /** A writer and what belongs to it: its searchers and the checkpoint it committed last. */
  private record Writer(IndexWriter writer, SearcherManager searchers, IndexCheckpoint checkpoint) {

    static Writer open(Directory directory, Analyzer analyzer) throws IOException {
      IndexWriterConfig config =
          new IndexWriterConfig(analyzer)
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
              .setIndexSort(ArticleSchema.INDEX_SORT)
              // Only an explicit commit carries positions; closing must not commit half a batch.
              .setCommitOnClose(false);
      IndexWriter writer = new IndexWriter(directory, config);
      try {
        return new Writer(writer, new SearcherManager(writer, null), new IndexCheckpoint(writer));
      } catch (IOException | RuntimeException e) {
        writer.rollback();
        throw e;
      }
    }
  }

  private ArticleIndex(Directory directory, Path dir, Analyzer analyzer, Writer writer) {
    this.directory = directory;
    this.dir = dir;
    this.analyzer = analyzer;
    this.current = writer;
    this.articleSearcher = new ArticleSearcher(analyzer);
  }

  /**
   * Opens (or creates) the index in {@code dir}, verifying the checksums of every file of its last
   * commit first.
   *
   * @throws UncheckedIOException when the directory cannot be used, e.g. another process holds its
   *     lock
   * @throws DamagedIndexException when a file of the index is damaged (a checksum mismatch, a
   *     truncated or missing file); delete it and the dashboard rebuilds it from the topic
   * @throws IncompatibleIndexException when {@code dir} holds an index written by an older
   *     dashboard without the newest-first sort; delete it and the dashboard rebuilds it from the
   *     topic
   */
  public static ArticleIndex open(Path dir) {
    return open(dir, UnaryOperator.identity());
  }

  /**
   * {@link #open(Path)} over the directory {@code storage} makes of {@code dir}'s: what a fault
   * test uses to put a disk that fills up under the index.
   */
  public static ArticleIndex open(Path dir, UnaryOperator<Directory> storage) {
    try {
      Directory directory = storage.apply(FSDirectory.open(dir));
      Analyzer analyzer = ArticleSchema.analyzer();
      try {
        IndexIntegrity.verify(directory, dir);
        ArticleSchema.checkLayout(directory, dir);
        return new ArticleIndex(directory, dir, analyzer, Writer.open(directory, analyzer));
      } catch (IOException | RuntimeException e) {
        analyzer.close();
        directory.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the dashboard index in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Discards the writer and everything not committed, and opens a new writer at the last commit:
   * after a failed write (a full disk), so that the reader replays from the committed positions.
   * Searches already running finish on the old searcher; new ones see the last commit.
   *
   * @throws UncheckedIOException when the index cannot be opened again (e.g. the disk still has no
   *     room for the writer's lock)
   */
  public synchronized void reopen() {
    Writer old = current;
    try {
      // Releases the lock (after a tragedy the writer has rolled itself back already).
      old.writer().rollback();
    } catch (IOException | RuntimeException e) {
      // Nothing of the old writer is kept; its searchers go on reading files already open.
    }
    try {
      current = Writer.open(directory, analyzer);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the dashboard index in " + dir + " again: " + e.getMessage(), e);
    }
    try {
      // Searches already running finish on their searcher; new ones ask the new writer's.
      old.searchers().close();
    } catch (IOException | RuntimeException e) {
      // The old searchers are discarded either way.
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * Adds {@code article}, replacing any earlier document with its id, and records that {@code
   * topic}/{@code partition} is read up to {@code nextOffset} (exclusive).
   */
  public void upsert(TaggedArticle article, String topic, int partition, long nextOffset) {
    upsert(article);
    recordPosition(topic, partition, nextOffset);
  }

  /**
   * Records that {@code topic}/{@code partition} is read up to {@code nextOffset}, e.g. past a
   * skipped record.
   */
  public void recordPosition(String topic, int partition, long nextOffset) {
    current.checkpoint().recordPosition(topic, partition, nextOffset);
  }

  /** Adds {@code article}, replacing any earlier document with its id. */
  public void upsert(TaggedArticle article) {
    try {
      current
          .writer()
          .updateDocument(ArticleSchema.idTerm(article), ArticleSchema.document(article));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index article " + article.id(), e);
    }
  }

  /** Sets the named state (e.g. {@code alerts}) to be written with the next commit. */
  public void putState(String name, String value) {
    current.checkpoint().putState(name, value);
  }

  /** The named state as last put or committed. */
  public Optional<String> state(String name) {
    return current.checkpoint().state(name);
  }

  /**
   * The next offset to read per partition of {@code topic}, as last recorded (committed, when
   * called right after opening).
   */
  public Map<Integer, Long> positions(String topic) {
    return current.checkpoint().positions(topic);
  }

  /** Makes everything added so far durable, together with the positions and states. */
  public void commit() {
    try {
      Writer writer = current;
      writer.checkpoint().commit(writer.writer());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the dashboard index", e);
    }
  }

  /** Makes everything added so far searchable (not durable). */
  public void refresh() {
    try {
      current.searchers().maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot refresh the dashboard index", e);
    }
  }

  /** The error that closed the writer for good (disk full, I/O error), or null while healthy. */
  public Throwable tragedy() {
    return current.writer().getTragicException();
  }

  // ---------------------------------------------------------------- reading

  /** Articles in the index (as of the last refresh). */
  public long size() {
    return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
  }

  /**
   * The version of the reader searches use now: it changes with every refresh that found changes
   * (new documents or deletions), so it names what any result was read from.
   */
  public long readerVersion() {
    return withSearcher(searcher -> ((DirectoryReader) searcher.getIndexReader()).getVersion());
  }

  /** Articles matching {@code filter}. */
  public long count(ArticleFilter filter) {
    return withSearcher(searcher -> (long) searcher.count(ArticleSchema.filterQuery(filter, true)));
  }

  /** The earliest and latest effective times in the index, or empty when it is empty. */
  public Optional<Instant[]> timeRange() {
    return withSearcher(
        searcher -> {
          DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
          if (reader.numDocs() == 0) {
            return Optional.empty();
          }
          byte[] min = PointValues.getMinPackedValue(reader, ArticleSchema.TIME);
          byte[] max = PointValues.getMaxPackedValue(reader, ArticleSchema.TIME);
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
   * articles of {@code filter.theme()} (and {@code filter.stance()}, when given; all articles when
   * neither is) and all articles, both under the filter's language and source. Counted from doc
   * values and kept per segment, so repeated requests only count new segments.
   */
  public BucketCounts countBuckets(
      ArticleFilter filter, Interval interval, Instant start, Instant end) {
    return withSearcher(searcher -> bucketCounter.count(searcher, filter, interval, start, end));
  }

  /**
   * As {@link #countBuckets(ArticleFilter, Interval, Instant, Instant)}, buckets in {@code zone}.
   */
  public BucketCounts countBuckets(
      ArticleFilter filter, Interval interval, ZoneId zone, Instant start, Instant end) {
    return withSearcher(
        searcher -> bucketCounter.count(searcher, filter, interval, zone, start, end));
  }

  /**
   * One page of articles for {@code request}. The total is exact up to {@link #EXACT_TOTAL_UP_TO}
   * hits, and beyond it when the index can count the hits without visiting them; otherwise it is a
   * lower bound ({@link SearchPage#totalExact()} false).
   *
   * @throws BadQueryException when the text or the cursor is not acceptable
   */
  public SearchPage search(SearchRequest request) {
    return withSearcher(searcher -> articleSearcher.search(searcher, request));
  }

  /** Work done with an acquired searcher. */
  @FunctionalInterface
  private interface SearcherWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /** Articles per source name (as {@code source=} filters by), by name, as of the last refresh. */
  public Map<String, Long> sources() {
    return termCounts(ArticleSchema.SOURCE);
  }

  /** Articles per language code (as {@code lang=} filters by), by code, as of the last refresh. */
  public Map<String, Long> languages() {
    return termCounts(ArticleSchema.LANG);
  }

  /** Live documents per term of a keyword field, in term order; terms of deleted ones left out. */
  private Map<String, Long> termCounts(String field) {
    return withSearcher(
        searcher -> {
          Map<String, Long> counts = new TreeMap<>();
          Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), field);
          if (terms == null) {
            return counts;
          }
          TermsEnum each = terms.iterator();
          for (BytesRef term = each.next(); term != null; term = each.next()) {
            String text = term.utf8ToString();
            // count, not docFreq: an upsert leaves the old version counted until a merge.
            long live = searcher.count(new TermQuery(new Term(field, text)));
            if (live > 0) {
              counts.put(text, live);
            }
          }
          return counts;
        });
  }

  private <T> T withSearcher(SearcherWork<T> work) {
    try {
      SearcherManager searchers = current.searchers();
      IndexSearcher searcher;
      try {
        searcher = searchers.acquire();
      } catch (AlreadyClosedException e) {
        // A reopen swapped the writer between reading it and acquiring: ask the new one.
        searchers = current.searchers();
        searcher = searchers.acquire();
      }
      try {
        return work.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard index", e);
    }
  }

  /**
   * Closes the index without committing (call {@link #commit()} first to keep recent work).
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Writer writer = current;
    try {
      writer.searchers().close();
      writer.writer().close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the dashboard index", e);
    } finally {
      analyzer.close();
      try {
        directory.close();
      } catch (IOException e) {
        // Nothing is left to write; the directory only releases its handles.
      }
    }
  }
}
