package thesiswatch.backfill;

/**
 * One news item found outside a feed — a page in a WARC file, a row of an export — in a JSON Feed
 * item's terms, before any normalising: {@link ItemArticles} makes it an article by ingest's rules.
 *
 * @param guid the source's own id for it, or null
 * @param title the headline as found (may hold markup)
 * @param link its address, absolute or relative to {@code base}
 * @param summary the description as found, or null
 * @param published its published time as found (any form ingest's parser reads), or null
 * @param lang its language tag, or null
 * @param outletUrl the site that published it, as the article's feed URL, never null
 * @param outletName that site's name, or null
 */
public record RawItem(
    String guid,
    String title,
    String link,
    String summary,
    String published,
    String lang,
    String outletUrl,
    String outletName) {}
