package thesiswatch.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads an {@link Instant} from JSON as Jackson's own {@link InstantDeserializer} does, with a
 * direct path for the one form every topic writes: {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, as {@link
 * Instant#toString()} prints it. Each article carries three instants through two stages, and {@code
 * DateTimeFormatter}'s general parser was 5% of the dashboard's reading thread in the pipeline
 * benchmark's profile. Any other text (an offset, a leap second, a six-digit year, an invalid date)
 * and any other token go to Jackson's deserializer, so what is accepted, what it means and every
 * error message stay Jackson's.
 */
final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

  private static final long serialVersionUID = 1L;

  private static final int[] NANOS_PER_DIGIT = {
    100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private final JsonDeserializer<Instant> jackson;

  UtcInstantDeserializer() {
    super(Instant.class);
    this.jackson = InstantDeserializer.INSTANT;
  }

  @Override
  public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_STRING)) {
      Instant instant = parseUtc(parser.getText());
      if (instant != null) {
        return instant;
      }
    }
    return jackson.deserialize(parser, context);
  }

  /** The instant {@code text} names in the canonical UTC form, or null when it is not in it. */
  static Instant parseUtc(String text) {
    int length = text.length();
    if (length < 20
        || length == 21
        || length > 30
        || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || (length > 20 && text.charAt(19) != '.')) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
      return null;
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
      return null;
    }
    if (day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    int nanos = length > 20 ? fraction * NANOS_PER_DIGIT[length - 22] : 0;
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
  }

  /** The decimal number in {@code text[from, to)}, or -1 when any of it is not an ASCII digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
