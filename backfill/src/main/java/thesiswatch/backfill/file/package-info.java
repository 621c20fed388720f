/**
 * Files as backfill sources: a file is a unit whose progress is its records done ({@link
 * thesiswatch.backfill.file.FileSource}); a {@link thesiswatch.backfill.file.Format} reads its
 * records.
 */
package thesiswatch.backfill.file;
