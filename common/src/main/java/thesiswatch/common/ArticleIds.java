package thesiswatch.common;

/**
 * Stable article ids, so that the same story fetched twice, or from two feeds, gets one id.
 *
 * <p>The id is a SHA-256 prefix of the {@link Links#canonical canonical link}; without a usable
 * link, of the feed's GUID; without either, of the title and published date.
 */
public final class ArticleIds {

  /** Hex characters kept from the digest: 96 bits, collision-free for any realistic news volume. */
  private static final int ID_HEX_LENGTH = 24;

  private ArticleIds() {}

  /**
   * The id for an entry: from its canonical link when it has one, else from its GUID, else from its
   * title and published date (as text, possibly empty).
   */
  public static String idFor(String link, String guid, String title, String published) {
    String canonical = Links.canonical(link);
    if (canonical != null) {
      return Hashes.sha256Hex("link:" + canonical, ID_HEX_LENGTH);
    }
    if (guid != null && !guid.isBlank()) {
      return Hashes.sha256Hex("guid:" + guid.strip(), ID_HEX_LENGTH);
    }
    return Hashes.sha256Hex(
        "title:"
            + (title == null ? "" : title.strip())
            + "|"
            + (published == null ? "" : published),
        ID_HEX_LENGTH);
  }
}
