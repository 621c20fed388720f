/**
 * What the dashboard lets into its index: each record of {@code articles.tagged} is checked ({@link
 * thesiswatch.dashboard.intake.TaggedRecordCheck}: readable, times within a sane window) before it
 * is indexed, and what cannot be indexed is named by a stable kind ({@link
 * thesiswatch.dashboard.intake.RecordProblem}) for the dead-letter topic. Pure: no Kafka, no HTTP.
 */
package thesiswatch.dashboard.intake;
