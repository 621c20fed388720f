/**
 * The on-disk Lucene index of tagged articles (one document per article id) and everything read
 * from it: trend buckets counted from doc values, guarded user queries, search pages with
 * highlights. Knows nothing about Kafka or HTTP. {@link thesiswatch.dashboard.index.ArticleIndex}
 * is the door the rest of the dashboard uses; the parts behind it are package-private, and the
 * performance caches live together in {@code index.cache}.
 */
package thesiswatch.dashboard.index;
