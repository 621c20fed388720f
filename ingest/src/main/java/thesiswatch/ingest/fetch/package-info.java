/**
 * Fetching: {@link thesiswatch.ingest.fetch.Fetcher} turns a feed URL into capped, decompressed
 * bytes or a classified {@link thesiswatch.ingest.fault.FeedFault}; common's {@link
 * thesiswatch.common.AddressGuard}, as the HTTP client's resolver, keeps every connection off
 * private and special-purpose networks.
 */
package thesiswatch.ingest.fetch;
