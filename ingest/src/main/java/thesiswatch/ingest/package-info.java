/**
 * The ingest service: feed list ({@code feeds}) → fetch ({@code fetch}) → parse ({@code parse}) →
 * duplicates ({@code dedupe}) → Kafka ({@code kafka}), scheduled by {@code schedule}. {@link
 * thesiswatch.ingest.IngestService} is the orchestrator (it only wires the parts; {@code
 * ./thesiswatch ingest} runs it), {@link thesiswatch.ingest.FeedPoller} one poll of one feed
 * (fetch, parse, duplicates, next state; no Kafka, no threads), {@link
 * thesiswatch.ingest.IngestMetrics} its meters, {@link thesiswatch.ingest.ParseLines} the {@code
 * thesiswatch parse} command, and {@link thesiswatch.ingest.FeedReader} the fetch-and-parse path
 * the poller and the command share.
 */
package thesiswatch.ingest;
