package thesiswatch.ingest.parse;

/**
 * What a feed says about itself.
 *
 * @param title plain-text title, or null
 * @param link the site's http(s) address, or null
 * @param lang primary language subtag used for its entries, or null
 * @param format the detected format, e.g. {@code rss_2.0}, {@code atom_1.0}, {@code json_1.1},
 *     {@code cdf}
 */
public record FeedInfo(String title, String link, String lang, String format) {}
