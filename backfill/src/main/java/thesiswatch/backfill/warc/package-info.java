/**
 * WARC files as a backfill source, read with jwarc: news pages through their metadata ({@link
 * thesiswatch.backfill.warc.PageMetadata}), feeds through ingest's parser.
 */
package thesiswatch.backfill.warc;
