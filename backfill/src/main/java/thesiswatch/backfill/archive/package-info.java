/**
 * Web archives that speak the CDX server API: listing a feed's captures ({@link
 * thesiswatch.backfill.archive.CdxListing}, both the Wayback Machine's and pywb's shapes), pacing
 * requests politely ({@link thesiswatch.backfill.archive.Pacer}), and each capture's items through
 * ingest's parser ({@link thesiswatch.backfill.archive.ArchiveSource}).
 */
package thesiswatch.backfill.archive;
