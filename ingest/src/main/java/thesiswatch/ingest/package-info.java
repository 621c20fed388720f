/**
 * The ingest service: feed list ({@code feeds}) → fetch ({@code fetch}) → parse ({@code parse}) →
 * duplicates ({@code dedupe}) → Kafka ({@code kafka}), scheduled by {@code schedule}.
 * {@link thesiswatch.ingest.IngestService} is the orchestrator, {@link thesiswatch.ingest.IngestMain}
 * its entry point, {@link thesiswatch.ingest.ParseLines} the {@code thesiswatch parse} command, and
 * {@link thesiswatch.ingest.FeedReader} the fetch-and-parse path both share.
 */
package thesiswatch.ingest;
