package thesiswatch.backfill.archive;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The CDX server API's timestamps: {@code yyyyMMddHHmmss} in UTC, of 14 digits or fewer (a shorter
 * one names the start of its year, month, day, hour or minute, as pywb pads it).
 */
public final class CdxTimestamps {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private CdxTimestamps() {}

  /**
   * The instant {@code timestamp} names, or null when it is not 4 to 14 digits or names no real
   * time.
   */
  public static Instant parse(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    String digits = timestamp.strip();
    if (digits.length() < 4
        || digits.length() > 14
        || !digits.chars().allMatch(Character::isDigit)) {
      return null;
    }
    String padded = digits + "0101000000".substring(Math.max(0, digits.length() - 4));
    try {
      LocalDateTime time =
          LocalDateTime.of(
              Integer.parseInt(padded.substring(0, 4)),
              Integer.parseInt(padded.substring(4, 6)),
              Integer.parseInt(padded.substring(6, 8)),
              Integer.parseInt(padded.substring(8, 10)),
              Integer.parseInt(padded.substring(10, 12)),
              Integer.parseInt(padded.substring(12, 14)));
      return time.toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** {@code date} as the API's {@code from}/{@code to} value, {@code yyyyMMdd}. */
  public static String day(LocalDate date) {
    return DAY.format(date);
  }
}
