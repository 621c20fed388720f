package thesiswatch.backfill.run;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillState;

/** Where a backfill's results go: the Kafka adapter, or a test's memory. */
public interface Sink extends AutoCloseable {

  /** Every backfill state written so far, by key. */
  Map<String, BackfillState> load();

  /**
   * The ids live ingest has already published, by feed URL (its feed state's remembered ids): a
   * backfill that reaches today's captures after live ingest polled them publishes them no more.
   */
  default Map<String, List<String>> publishedLive() {
    return Map.of();
  }

  /**
   * Publishes {@code articles} and {@code states} atomically: both or neither.
   *
   * @throws RuntimeException when they could not be committed; nothing of them is visible then
   */
  void commit(List<Article> articles, Collection<BackfillState> states);

  @Override
  void close();
}
