package thesiswatch.backfill;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import thesiswatch.backfill.run.Sink;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillState;

/**
 * A sink in memory, committing atomically like Kafka's transactions; it can be told to fail a given
 * commit, as a killed process would.
 */
public final class MemorySink implements Sink {

  /** Every article committed, duplicates included, in order. */
  public final List<Article> articles = new ArrayList<>();

  /** The latest committed state per key. */
  public final Map<String, BackfillState> states = new HashMap<>();

  private int commits;
  private int failAtCommit = -1;

  /** The {@code n}-th commit from now on (1 = the next) throws and commits nothing. */
  public void failAt(int n) {
    failAtCommit = commits + n;
  }

  @Override
  public Map<String, BackfillState> load() {
    return Map.copyOf(states);
  }

  @Override
  public void commit(List<Article> batch, Collection<BackfillState> changed) {
    commits++;
    if (commits == failAtCommit) {
      throw new IllegalStateException("killed before commit " + commits);
    }
    articles.addAll(batch);
    changed.forEach(state -> states.put(state.key(), state));
  }

  @Override
  public void close() {}
}
