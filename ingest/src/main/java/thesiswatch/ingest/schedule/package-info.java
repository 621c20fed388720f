/**
 * When feeds are polled: {@link thesiswatch.ingest.schedule.FeedStates} (intervals, backoff,
 * Retry-After, 410), {@link thesiswatch.ingest.schedule.HostGate} (per-host politeness) and {@link
 * thesiswatch.ingest.schedule.Relocations} (feeds that moved permanently).
 */
package thesiswatch.ingest.schedule;
