/**
 * Backfill progress as backfills report it on the compacted {@code backfill-state} topic, for the
 * page and {@code GET /api/backfill}.
 */
package thesiswatch.dashboard.backfill;
