package thesiswatch.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;

/**
 * Instants in JSON as Jackson's own {@code JavaTimeModule} reads and writes them, with a direct
 * path for the one form every topic carries: {@code yyyy-MM-ddTHH:mm:ss[.fff[fff[fff]]]Z}, as
 * {@link Instant#toString()} prints it. Each tagged article holds three instants and passes two
 * stages, and {@code DateTimeFormatter}'s general parser and printer were 5% and 2% of the
 * dashboard's reading thread in the pipeline benchmark's profile. Any other text (an offset, a leap
 * second, a six-digit year, an invalid date), any other token and any instant outside the years
 * 0000–9999 go to Jackson's {@link InstantDeserializer} and {@link InstantSerializer}, so what is
 * accepted, what it means, what is written and every error message stay Jackson's.
 */
final class UtcInstants {

  private static final int[] NANOS_PER_DIGIT = {
    100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private static final long FIRST_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long LAST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  private UtcInstants() {}

  /**
   * The module to register after {@code JavaTimeModule}, so that it takes precedence, on a mapper
   * that writes dates as text ({@code WRITE_DATES_AS_TIMESTAMPS} off), as {@link Json#MAPPER} does.
   */
  static SimpleModule module() {
    return new SimpleModule("utc-instants")
        .addDeserializer(Instant.class, new Reader())
        .addSerializer(Instant.class, new Writer());
  }

  /** The instant {@code text} names in the canonical UTC form, or null when it is not in it. */
  static Instant parse(String text) {
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

  /**
   * {@code instant} in the canonical UTC form, exactly as {@link Instant#toString()} prints it, or
   * null when its year is outside 0000–9999 (where that form gains a sign or more digits).
   */
  static char[] format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
      return null;
    }
    LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    int nanos = instant.getNano();
    int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    char[] text = new char[fractionDigits == 0 ? 20 : 21 + fractionDigits];
    put(text, 0, 4, time.getYear());
    text[4] = '-';
    put(text, 5, 2, time.getMonthValue());
    text[7] = '-';
    put(text, 8, 2, time.getDayOfMonth());
    text[10] = 'T';
    put(text, 11, 2, time.getHour());
    text[13] = ':';
    put(text, 14, 2, time.getMinute());
    text[16] = ':';
    put(text, 17, 2, time.getSecond());
    if (fractionDigits > 0) {
      text[19] = '.';
      put(text, 20, fractionDigits, nanos / NANOS_PER_DIGIT[fractionDigits - 1]);
    }
    text[text.length - 1] = 'Z';
    return text;
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

  /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code text[from]}. */
  private static void put(char[] text, int from, int width, int value) {
    for (int i = from + width - 1; i >= from; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static final class Reader extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;
    private final JsonDeserializer<Instant> jackson = InstantDeserializer.INSTANT;

    Reader() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (parser.hasToken(JsonToken.VALUE_STRING)) {
        Instant instant = parse(parser.getText());
        if (instant != null) {
          return instant;
        }
      }
      return jackson.deserialize(parser, context);
    }
  }

  private static final class Writer extends StdScalarSerializer<Instant> {
    private static final long serialVersionUID = 1L;
    private final JsonSerializer<Instant> jackson = InstantSerializer.INSTANCE;

    Writer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant instant, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      char[] text = format(instant);
      if (text == null) {
        jackson.serialize(instant, generator, provider);
      } else {
        generator.writeString(text, 0, text.length);
      }
    }
  }
}
