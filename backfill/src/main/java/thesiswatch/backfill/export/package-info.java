/**
 * Article exports as backfill sources: JSON lines and CSV, whose columns ({@link
 * thesiswatch.backfill.export.ExportRows}) cover GDELT's DOC API article lists and Media Cloud's
 * story exports as they come.
 */
package thesiswatch.backfill.export;
