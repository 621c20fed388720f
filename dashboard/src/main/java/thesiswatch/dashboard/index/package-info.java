/**
 * The on-disk Lucene index of tagged articles (one document per article id) and everything read
 * from it: trend buckets counted from doc values, guarded user queries, search pages with
 * highlights. Knows nothing about Kafka or HTTP.
 */
package thesiswatch.dashboard.index;
