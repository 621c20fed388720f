package thesiswatch.dashboard.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;

/**
 * Counts a search's hits up to a cap: from the index's statistics in a segment that can tell
 * ({@link Weight#count}: a term or a plain filter, no deletions), else by visiting hits until the
 * cap is reached, after which the count is a lower bound. Beside a page's collector ({@link
 * #withPage}) it counts in the same pass, over the same weight, as the page is collected.
 */
final class CappedHitCount implements Collector {

  /** A page of hits and how many hits there are: exactly, or at least {@code total}. */
  record PageAndTotal(TopFieldDocs page, long total, boolean exact) {}

  private final int cap;
  private Weight weight;
  private long total;
  private boolean exact = true;

  private CappedHitCount(int cap) {
    this.cap = cap;
  }

  /**
   * Counting alone, for a search whose page needs a weight of its own (one that skips by score).
   */
  static CollectorManager<CappedHitCount, PageAndTotal> alone(int cap) {
    return new CollectorManager<>() {
      @Override
      public CappedHitCount newCollector() {
        return new CappedHitCount(cap);
      }

      @Override
      public PageAndTotal reduce(Collection<CappedHitCount> counts) {
        return total(null, counts);
      }
    };
  }

  /** The page {@code pages} collects and the count, in one pass over one weight. */
  static CollectorManager<Collector, PageAndTotal> withPage(
      TopFieldCollectorManager pages, int cap) {
    return new CollectorManager<>() {
      @Override
      public Collector newCollector() throws IOException {
        return MultiCollector.wrap(pages.newCollector(), new CappedHitCount(cap));
      }

      @Override
      public PageAndTotal reduce(Collection<Collector> collectors) throws IOException {
        List<TopFieldCollector> page = new ArrayList<>();
        List<CappedHitCount> counts = new ArrayList<>();
        for (Collector collector : collectors) {
          Collector[] parts = ((MultiCollector) collector).getCollectors();
          page.add((TopFieldCollector) parts[0]);
          counts.add((CappedHitCount) parts[1]);
        }
        return total(pages.reduce(page), counts);
      }
    };
  }

  private static PageAndTotal total(TopFieldDocs page, Collection<CappedHitCount> counts) {
    long total = 0;
    boolean exact = true;
    for (CappedHitCount count : counts) {
      total += count.total;
      exact &= count.exact;
    }
    return new PageAndTotal(page, total, exact);
  }

  @Override
  public void setWeight(Weight weight) {
    this.weight = weight;
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE_NO_SCORES;
  }

  @Override
  public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
    // Once hits were visited up to the cap nothing more is counted, not even from statistics:
    // the total is a lower bound anyway, and asking a segment for its count costs term lookups.
    if (!exact) {
      throw new CollectionTerminatedException();
    }
    int known = weight == null ? -1 : weight.count(context);
    if (known >= 0) {
      total += known;
      throw new CollectionTerminatedException();
    }
    if (total >= cap) {
      exact = false;
      throw new CollectionTerminatedException();
    }
    return new LeafCollector() {
      @Override
      public void setScorer(Scorable scorer) {}

      @Override
      public void collect(int doc) {
        if (++total >= cap) {
          exact = false; // there may be more
          throw new CollectionTerminatedException();
        }
      }
    };
  }
}
