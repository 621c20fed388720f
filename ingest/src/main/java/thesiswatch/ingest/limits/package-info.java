/**
 * The size limits of what ingest writes to Kafka outside the parser (which caps each entry's own
 * fields): {@link thesiswatch.ingest.limits.RecordLimits}.
 */
package thesiswatch.ingest.limits;
