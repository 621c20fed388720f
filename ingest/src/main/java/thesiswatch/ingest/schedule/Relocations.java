package thesiswatch.ingest.schedule;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a feed is fetched from when it has moved. A feed is considered moved only after the same
 * permanent redirect (301/308 all the way) on {@link #CONFIRMATIONS} polls in a row; a temporary
 * redirect or a direct answer resets the count (Drupal's aggregator moved feeds on any redirect and
 * ended up polling maintenance pages). The feed keeps its identity (the URL in the feed list); only
 * the address fetched changes. Held in memory: after a restart it is learnt again. Thread-safe.
 */
public final class Relocations {

  private static final Logger LOG = LoggerFactory.getLogger(Relocations.class);

  /** Polls in a row that must see the same permanent redirect. */
  public static final int CONFIRMATIONS = 3;

  private record Sighting(String target, int count) {}

  private final Map<String, Sighting> sightings = new HashMap<>();
  private final Map<String, String> moved = new HashMap<>();

  /** The address to fetch {@code feedUrl} from. */
  public synchronized String fetchUrl(String feedUrl) {
    return moved.getOrDefault(feedUrl, feedUrl);
  }

  /**
   * Records what a poll of {@code feedUrl} ended at.
   *
   * @param finalUrl the URL the fetch ended at
   * @param permanent whether every redirect on the way was permanent
   */
  public synchronized void observe(String feedUrl, String finalUrl, boolean permanent) {
    if (!permanent || finalUrl.equals(fetchUrl(feedUrl))) {
      sightings.remove(feedUrl);
      return;
    }
    Sighting previous = sightings.get(feedUrl);
    int count = previous != null && previous.target().equals(finalUrl) ? previous.count() + 1 : 1;
    if (count < CONFIRMATIONS) {
      sightings.put(feedUrl, new Sighting(finalUrl, count));
      return;
    }
    sightings.remove(feedUrl);
    moved.put(feedUrl, finalUrl);
    LOG.info("ingest: feed moved permanently feed_url={} now_fetched_from={}", feedUrl, finalUrl);
  }
}
