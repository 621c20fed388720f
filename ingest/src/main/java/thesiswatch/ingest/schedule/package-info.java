/**
 * When feeds are polled: {@link thesiswatch.ingest.schedule.PollScheduler} (the scheduler thread
 * and the fetch pool), {@link thesiswatch.ingest.schedule.FeedStates} (intervals, backoff,
 * Retry-After, 410), {@link thesiswatch.ingest.schedule.HostGate} (per-host politeness) and {@link
 * thesiswatch.ingest.schedule.Relocations} (feeds that moved permanently); a finished poll is a
 * {@link thesiswatch.ingest.schedule.Poll}.
 */
package thesiswatch.ingest.schedule;
