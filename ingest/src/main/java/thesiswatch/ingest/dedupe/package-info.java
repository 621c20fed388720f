/**
 * Identity and duplicates across polls and feeds: {@link thesiswatch.ingest.dedupe.StoryWindow}
 * publishes each story once and records the other feeds that carried it.
 */
package thesiswatch.ingest.dedupe;
