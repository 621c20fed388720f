/**
 * The thin Kafka adapter of a backfill: articles and progress in one transaction, progress read
 * back at start.
 */
package thesiswatch.backfill.kafka;
