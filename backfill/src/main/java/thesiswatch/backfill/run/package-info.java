/**
 * A backfill run: the {@link thesiswatch.backfill.run.Source} and {@link
 * thesiswatch.backfill.run.Step} contracts every source meets, the one orchestrator {@link
 * thesiswatch.backfill.run.Backfill}, and the progress bar.
 */
package thesiswatch.backfill.run;
