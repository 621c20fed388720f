package thesiswatch.ingest.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict feed date parsing. ROME's parser is lenient ({@code 31 Feb} becomes {@code 2 Mar}) and
 * reads {@code CST} in the JVM's zone; here an impossible date is rejected, a zone-less date is
 * read in the feed's zone, and {@code CST} is China Standard Time for Chinese feeds and US Central
 * otherwise.
 */
final class Dates {

  /** Earliest believable date for a news item; anything before is a broken feed. */
  static final Instant EARLIEST = Instant.parse("1995-01-01T00:00:00Z");

  /** What a raw date string turned out to be. */
  enum Verdict {
    PARSED,
    IMPOSSIBLE,
    UNRECOGNISED
  }

  /** A parse result: the verdict and, when parsed, the instant. */
  record Result(Verdict verdict, Instant instant) {}

  /**
   * A zone as feeds write it: an abbreviation ({@code GMT}, {@code EST}, a military letter), an
   * offset ({@code +0900}, {@code -07:00}, {@code GMT+8}) or an IANA region name ({@code
   * America/Los_Angeles}).
   */
  private static final String ZONE =
      "(\\(?[A-Za-z]{1,5}\\)?|(?:GMT|UTC)?[+-]\\d{1,2}(?::?\\d{1,2})?|[A-Za-z]+(?:/[A-Za-z0-9_+-]+)+)";

  /** A time of day, with seconds, fractions and a 12-hour clock's AM/PM optional. */
  private static final String TIME =
      "(?:[\\sT,]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(?:\\s*([AaPp])\\.?[Mm]\\.?(?![A-Za-z]))?)?";

  private static final String WEEKDAY = "(?:[A-Za-z]{2,9}\\.?,?\\s*)?";

  /** RFC 822 and its relatives: {@code Mon, 03 Mar 2025 09:30:00 GMT}, day before month. */
  private static final Pattern RFC822 =
      Pattern.compile(
          "^"
              + WEEKDAY
              + "(\\d{1,2})[\\s-]+([A-Za-z]{3,9})\\.?[\\s-]+(\\d{2,4})"
              + TIME
              + "\\s*"
              + ZONE
              + "?\\s*$");

  /** Month before day, as US sites write it: {@code Sat, Dec 16 2023 02:02:33 PM}. */
  private static final Pattern MONTH_FIRST =
      Pattern.compile(
          "^"
              + WEEKDAY
              + "([A-Za-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})"
              + TIME
              + "\\s*"
              + ZONE
              + "?\\s*$");

  private static final Pattern ISO =
      Pattern.compile(
          "^(\\d{4})(?:-?(\\d{2})(?:-?(\\d{2})(?:[Tt\\s]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?)?)?)?"
              + "\\s*([Zz]|UTC|GMT|[+-]\\d{2}(?::?\\d{1,2})?)?$");
  private static final Pattern CHINESE =
      Pattern.compile(
          "^(\\d{4})\\s*[年/.-]\\s*(\\d{1,2})\\s*[月/.-]\\s*(\\d{1,2})\\s*日?"
              + "(?:\\s*(\\d{1,2})\\s*[:时]\\s*(\\d{1,2})(?:\\s*[:分]\\s*(\\d{1,2})\\s*秒?)?)?\\s*$");
  private static final Map<String, String> MONTHS =
      Map.ofEntries(
          Map.entry("jan", "1"),
          Map.entry("feb", "2"),
          Map.entry("mar", "3"),
          Map.entry("apr", "4"),
          Map.entry("may", "5"),
          Map.entry("jun", "6"),
          Map.entry("jul", "7"),
          Map.entry("aug", "8"),
          Map.entry("sep", "9"),
          Map.entry("oct", "10"),
          Map.entry("nov", "11"),
          Map.entry("dec", "12"));

  /** Zone abbreviations feeds use; CST is resolved by language, see {@link #zoneOf}. */
  private static final Map<String, Integer> ABBREVIATIONS =
      Map.ofEntries(
          Map.entry("ut", 0),
          Map.entry("utc", 0),
          Map.entry("gmt", 0),
          Map.entry("z", 0),
          Map.entry("est", -5),
          Map.entry("edt", -4),
          Map.entry("cdt", -5),
          Map.entry("mst", -7),
          Map.entry("mdt", -6),
          Map.entry("pst", -8),
          Map.entry("pdt", -7),
          Map.entry("hkt", 8),
          Map.entry("jst", 9),
          Map.entry("kst", 9),
          Map.entry("sgt", 8),
          Map.entry("bst", 1),
          Map.entry("cet", 1),
          Map.entry("cest", 2),
          Map.entry("eet", 2),
          Map.entry("eest", 3),
          Map.entry("a", -1),
          Map.entry("m", -12),
          Map.entry("n", 1),
          Map.entry("y", 12));

  private Dates() {}

  /** The zone a feed in {@code lang} means when it writes no zone. */
  static ZoneId feedZone(String lang) {
    if (lang == null) {
      return ZoneOffset.UTC;
    }
    return switch (lang) {
      case "zh" -> ZoneId.of("Asia/Shanghai");
      case "ja" -> ZoneId.of("Asia/Tokyo");
      case "ko" -> ZoneId.of("Asia/Seoul");
      default -> ZoneOffset.UTC;
    };
  }

  /** Longest date text read: anything longer is not a date, whatever it starts with. */
  static final int MAX_DATE_CHARS = 100;

  /** Parses {@code raw} strictly; a zone-less date is read in {@code zone}. */
  static Result parse(String raw, ZoneId zone) {
    if (raw == null || raw.isBlank() || raw.length() > MAX_DATE_CHARS) {
      return new Result(Verdict.UNRECOGNISED, null);
    }
    String text = raw.strip().replaceAll("\\s+", " ");
    try {
      Matcher m = ISO.matcher(text);
      if (m.matches()) {
        return parsed(
            local(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), null),
            offset(m.group(7), zone));
      }
      m = RFC822.matcher(text);
      if (m.matches()) {
        return named(m.group(2), m.group(1), m.group(3), m, zone);
      }
      m = MONTH_FIRST.matcher(text);
      if (m.matches()) {
        return named(m.group(1), m.group(2), m.group(3), m, zone);
      }
      m = CHINESE.matcher(text);
      if (m.matches()) {
        return parsed(
            local(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), null),
            zone);
      }
    } catch (DateTimeException | NumberFormatException e) {
      return new Result(Verdict.IMPOSSIBLE, null);
    }
    return new Result(Verdict.UNRECOGNISED, null);
  }

  /**
   * A date with a month name ({@link #RFC822} or {@link #MONTH_FIRST}: groups 4 to 8 are hour,
   * minute, second, AM/PM and zone in both).
   */
  private static Result named(String monthName, String day, String year, Matcher m, ZoneId zone) {
    String month = MONTHS.get(monthName.substring(0, 3).toLowerCase(Locale.ROOT));
    if (month == null) {
      return new Result(Verdict.UNRECOGNISED, null);
    }
    String fullYear =
        year.length() == 2
            ? String.valueOf(Integer.parseInt(year) + (Integer.parseInt(year) < 50 ? 2000 : 1900))
            : year;
    return parsed(
        local(fullYear, month, day, m.group(4), m.group(5), m.group(6), m.group(7)),
        offset(m.group(8), zone));
  }

  private static Result parsed(LocalDateTime local, ZoneId zone) {
    if (zone == null) {
      return new Result(Verdict.UNRECOGNISED, null);
    }
    return new Result(Verdict.PARSED, local.atZone(zone).toInstant());
  }

  /**
   * Builds the date, throwing {@link DateTimeException} for a day, month or time that does not
   * exist.
   */
  private static LocalDateTime local(
      String year,
      String month,
      String day,
      String hour,
      String minute,
      String second,
      String amPm) {
    LocalDate date =
        LocalDate.of(
            Integer.parseInt(year),
            month == null ? 1 : Integer.parseInt(month),
            day == null ? 1 : Integer.parseInt(day));
    int h = hour == null ? 0 : Integer.parseInt(hour);
    if (amPm != null) {
      if (h < 1 || h > 12) {
        throw new DateTimeException("hour " + h + " on a 12-hour clock");
      }
      h = h % 12 + (amPm.equalsIgnoreCase("p") ? 12 : 0);
    }
    int min = minute == null ? 0 : Integer.parseInt(minute);
    int s = second == null ? 0 : Integer.parseInt(second);
    if (h == 24 && min == 0 && s == 0) {
      return date.plusDays(1).atStartOfDay();
    }
    return date.atTime(h, min, Math.min(s, 59)); // a leap second is read as :59
  }

  private static ZoneId offset(String zoneText, ZoneId feedZone) {
    if (zoneText == null || zoneText.isBlank()) {
      return feedZone;
    }
    String written = zoneText.replace("(", "").replace(")", "").strip();
    if (written.indexOf('/') > 0) {
      try {
        return ZoneId.of(written); // an IANA region, e.g. America/Los_Angeles, DST included
      } catch (DateTimeException e) {
        return null;
      }
    }
    String z = written.toLowerCase(Locale.ROOT);
    if (z.length() > 3 && (z.startsWith("gmt") || z.startsWith("utc"))) {
      z = z.substring(3);
    }
    if (z.startsWith("+") || z.startsWith("-")) {
      String body = z.substring(1);
      int colon = body.indexOf(':');
      String hours;
      String minutes;
      if (colon >= 0) {
        hours = body.substring(0, colon);
        minutes = body.substring(colon + 1);
      } else if (body.length() <= 2) {
        hours = body;
        minutes = "0";
      } else {
        hours = body.substring(0, body.length() - 2);
        minutes = body.substring(body.length() - 2);
      }
      int sign = z.startsWith("-") ? -1 : 1;
      return ZoneOffset.ofHoursMinutes(
          sign * Integer.parseInt(hours), sign * Integer.parseInt(minutes));
    }
    return zoneOf(z, feedZone);
  }

  /** A named zone; {@code cst} is China's for feeds whose zone is China's, US Central otherwise. */
  private static ZoneId zoneOf(String abbreviation, ZoneId feedZone) {
    if (abbreviation.equals("cst")) {
      return feedZone.equals(ZoneId.of("Asia/Shanghai"))
          ? ZoneOffset.ofHours(8)
          : ZoneOffset.ofHours(-6);
    }
    Integer hours = ABBREVIATIONS.get(abbreviation);
    return hours == null ? null : ZoneOffset.ofHours(hours);
  }

  /**
   * {@code when} if it is believable: null before {@link #EARLIEST}, clamped to {@code fetched}
   * when later.
   */
  static Instant sane(Instant when, Instant fetched) {
    if (when == null || when.isBefore(EARLIEST)) {
      return null;
    }
    return when.isAfter(fetched) ? fetched : when;
  }
}
