/**
 * What the dashboard lets into its index, and how its reader is doing. Each record of {@code
 * articles.tagged} is checked ({@link thesiswatch.dashboard.intake.TaggedRecordCheck}: readable,
 * times within a sane window) before it is indexed, and what cannot be indexed is named by a stable
 * kind ({@link thesiswatch.dashboard.intake.RecordProblem}) for the dead-letter topic. {@link
 * thesiswatch.dashboard.intake.IndexHealth} says what the commits made durable and whether the
 * index is written; {@link thesiswatch.dashboard.intake.StallWatch} says when records wait and
 * nothing moves. Pure: no Kafka, no HTTP.
 */
package thesiswatch.dashboard.intake;
