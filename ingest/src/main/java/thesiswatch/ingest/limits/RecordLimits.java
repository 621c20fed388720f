package thesiswatch.ingest.limits;

/**
 * Caps on every field of an {@code articles} or {@code feed-state} record that ingest assembles
 * outside the parser, so that no record it makes can pass the broker's default limit of 1 MiB
 * ({@code message.max.bytes}). The parser caps an entry's title, summary, guid and link; these caps
 * cover the rest:
 *
 * <ul>
 *   <li>an article names at most {@value #MAX_SOURCES} other feeds in {@code sources} (a story
 *       carried by more keeps the first ones);
 *   <li>a feed title is at most {@value #MAX_FEED_TITLE_CHARS} characters, a feed URL at most
 *       {@value #MAX_FEED_URL_CHARS} (the feed list refuses longer ones);
 *   <li>a feed state's error message is at most {@value #MAX_ERROR_MESSAGE_CHARS} characters, an
 *       ETag or Last-Modified validator at most {@value #MAX_VALIDATOR_CHARS} (a longer one is not
 *       kept: the next fetch is unconditional);
 *   <li>a feed state remembers at most {@value #MAX_SEEN_IDS} article ids (64 hex characters each).
 * </ul>
 *
 * Worst case, an article is then about 150 KB of JSON and a feed state about 700 KB.
 */
public final class RecordLimits {

  /** Most other feeds named in an article's {@code sources}. */
  public static final int MAX_SOURCES = 20;

  /** Longest feed title kept, in characters. */
  public static final int MAX_FEED_TITLE_CHARS = 300;

  /** Longest feed URL accepted in the feed list, in characters. */
  public static final int MAX_FEED_URL_CHARS = 2_048;

  /** Longest error message kept in a feed state, in characters. */
  public static final int MAX_ERROR_MESSAGE_CHARS = 500;

  /** Longest ETag or Last-Modified validator kept, in characters. */
  public static final int MAX_VALIDATOR_CHARS = 1_024;

  /** Most article ids a feed state remembers (the upper bound of {@code INGEST_SEEN_IDS}). */
  public static final int MAX_SEEN_IDS = 10_000;

  private RecordLimits() {}

  /**
   * {@code text} cut to at most {@code max} characters, never between the two halves of a surrogate
   * pair; null stays null.
   */
  public static String cap(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  /** A validator within the cap, or null when it is longer (it is then not sent back). */
  public static String validator(String value) {
    return value == null || value.length() > MAX_VALIDATOR_CHARS ? null : value;
  }
}
