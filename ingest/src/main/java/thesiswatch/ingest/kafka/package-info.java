/**
 * The thin Kafka adapter of ingest: {@link thesiswatch.ingest.kafka.ArticlePublisher} writes a
 * poll's articles and feed state in one transaction; {@link
 * thesiswatch.ingest.kafka.FeedStateStore} reads the compacted state back at start.
 */
package thesiswatch.ingest.kafka;
