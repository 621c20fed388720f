/**
 * The thin Kafka adapter of ingest: {@link thesiswatch.ingest.publish.ArticlePublisher} writes a
 * poll's articles and feed state in one transaction; {@link
 * thesiswatch.ingest.publish.FeedStateStore} reads the compacted state back at start.
 */
package thesiswatch.ingest.publish;
