package thesiswatch.dashboard.index.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.search.Query;

/**
 * Saves parsing (and analysing) a search-box text again; the least recently used text is dropped
 * past the bound. Never stale: a query is immutable and a text's analysis never changes.
 *
 * <p>The pages of one search repeat its text, and many people make the same searches; parsing means
 * SmartCN and English analysis for four fields.
 *
 * <p>Thread-safe (one lock: a lookup is a write, it moves the text to the recent end).
 */
public final class ParsedQueryCache {

  private final Map<String, Query> parsed;

  /** A cache of up to {@code texts} queries. */
  public ParsedQueryCache(int texts) {
    this.parsed =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Query> eldest) {
            return size() > texts;
          }
        };
  }

  /** The query kept for {@code text}, or null. */
  public Query get(String text) {
    synchronized (parsed) {
      return parsed.get(text);
    }
  }

  /** Keeps {@code query} as the parse of {@code text}. */
  public void put(String text, Query query) {
    synchronized (parsed) {
      parsed.put(text, query);
    }
  }
}
