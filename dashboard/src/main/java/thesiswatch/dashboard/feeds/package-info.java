/**
 * Feed health as ingest reports it on the compacted {@code feed-state} topic, and the outages it
 * implies.
 */
package thesiswatch.dashboard.feeds;
