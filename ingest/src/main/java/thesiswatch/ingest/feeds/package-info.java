/**
 * The feed list: OPML import and export ({@link thesiswatch.ingest.feeds.FeedList}) and one feed's
 * settings ({@link thesiswatch.ingest.feeds.FeedSpec}).
 */
package thesiswatch.ingest.feeds;
