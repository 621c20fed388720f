package thesiswatch.dashboard.index.cache;

import java.io.IOException;
import org.apache.lucene.index.LeafReader;

/**
 * Saves parsing a hit's stored JSON again when a page repeats; a segment's articles are dropped
 * when the segment is merged away (its core closes), or all together at the bound.
 *
 * <p>Parsing the JSON (timestamps above all) was a third of a search's CPU, and the pages people
 * read (the newest, the frequent queries) repeat. Kept per segment core and document: a document's
 * stored fields never change, and a replaced article is a new document.
 *
 * <p>Thread-safe.
 *
 * @param <A> the parsed article; generic so that this package needs nothing from the index's
 */
public final class ParsedArticleCache<A> {

  /** Parsed articles kept per segment. */
  static final int PER_SEGMENT = 1024;

  private final ReaderCache<Integer, A> parsed = ReaderCache.perCore(PER_SEGMENT);

  /**
   * The article of document {@code doc} of {@code segment}, parsed by {@code parse} when not kept.
   */
  public A get(LeafReader segment, int doc, ReaderCache.Loader<Integer, A> parse)
      throws IOException {
    return parsed.get(segment, doc, parse);
  }
}
