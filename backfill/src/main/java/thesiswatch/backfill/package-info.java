/**
 * Backfill: history into the {@code articles} topic through the same parser, ids, guards and
 * exactly-once path as live news. Sources ({@link thesiswatch.backfill.archive web archives},
 * {@link thesiswatch.backfill.warc WARC files}, {@link thesiswatch.backfill.export exports}) are
 * pure cores that plan and run steps; {@link thesiswatch.backfill.run.Backfill} orchestrates them;
 * {@link thesiswatch.backfill.kafka} is the thin Kafka adapter.
 */
package thesiswatch.backfill;
