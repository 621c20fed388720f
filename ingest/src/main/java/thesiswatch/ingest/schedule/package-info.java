/**
 * When feeds are polled: {@link thesiswatch.ingest.schedule.FeedStates} (intervals, backoff,
 * Retry-After, 410) and {@link thesiswatch.ingest.schedule.HostGate} (per-host politeness).
 */
package thesiswatch.ingest.schedule;
