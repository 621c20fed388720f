package thesiswatch.dashboard.index;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;

/**
 * The cursor a search page hands out for the next one: the order, the last hit's time or score, and
 * its id key, URL-safe Base64. It holds sort values, not a position, so the next page continues
 * after the last hit's place in the order however many articles arrived in between.
 */
final class SearchCursor {

  /** A cursor: the order, the last hit's time or score, and its id key. */
  private static final int BYTES = 1 + Long.BYTES + Long.BYTES;

  private SearchCursor() {}

  /** The cursor after {@code last}, a hit of a page sorted by {@code order}. */
  static String encode(FieldDoc last, SearchRequest.Order order) {
    ByteBuffer buffer = ByteBuffer.allocate(BYTES);
    buffer.put((byte) order.ordinal());
    if (order == SearchRequest.Order.RELEVANCE) {
      buffer.putLong(Float.floatToIntBits((Float) last.fields[0]));
    } else {
      buffer.putLong((Long) last.fields[0]);
    }
    buffer.putLong((Long) last.fields[1]);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  /**
   * The search's "after" for {@code cursor}. Its doc id is {@code lastDoc}, the last of the index,
   * so that any document equal to the cursor's sort values counts as before it.
   *
   * @throws BadQueryException when {@code cursor} is not one issued for {@code order}
   */
  static FieldDoc decode(String cursor, SearchRequest.Order order, int lastDoc) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      if (buffer.remaining() != BYTES || buffer.get() != order.ordinal()) {
        throw new IllegalArgumentException("wrong cursor kind");
      }
      long value = buffer.getLong();
      long idKey = buffer.getLong();
      Object first =
          order == SearchRequest.Order.RELEVANCE
              ? (Object) Float.intBitsToFloat((int) value)
              : (Object) value;
      return new FieldDoc(Math.max(0, lastDoc), Float.NaN, new Object[] {first, idKey});
    } catch (IllegalArgumentException e) {
      throw new BadQueryException(
          "bad_cursor", "cursor is not one this dashboard issued for this order");
    }
  }
}
