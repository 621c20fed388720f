/**
 * The thin Kafka adapter: reads {@code articles.tagged} and {@code feed-state} into the index and
 * feed health.
 */
package thesiswatch.dashboard.kafka;
