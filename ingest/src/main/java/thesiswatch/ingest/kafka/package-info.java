/**
 * The thin Kafka adapter of ingest: {@link thesiswatch.ingest.kafka.PublishLoop} is the publisher
 * thread, draining the {@link thesiswatch.ingest.kafka.Outbox}; {@link
 * thesiswatch.ingest.kafka.ArticlePublisher} writes a batch of polls' articles and feed states in
 * one transaction; {@link thesiswatch.ingest.kafka.FeedStateStore} reads the compacted state back
 * at start and {@link thesiswatch.ingest.kafka.StoryLog} replays recent articles; {@link
 * thesiswatch.ingest.kafka.IngestKafka} holds the client settings.
 */
package thesiswatch.ingest.kafka;
