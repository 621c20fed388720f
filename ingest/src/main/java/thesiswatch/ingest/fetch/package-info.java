/**
 * Fetching: {@link thesiswatch.ingest.fetch.Fetcher} turns a feed URL into capped, decompressed
 * bytes or a classified {@link thesiswatch.ingest.fault.FeedFault}; {@link
 * thesiswatch.ingest.fetch.SsrfGuard} keeps every hop off private networks.
 */
package thesiswatch.ingest.fetch;
