package thesiswatch.backfill.archive;

import java.time.Duration;
import java.util.Locale;

/** Request rates as people write them: {@code 1/s}, {@code 20/min}, {@code 500/h}. */
public final class Rates {

  private Rates() {}

  /**
   * The least time between two requests at {@code rate}.
   *
   * @throws IllegalArgumentException naming the accepted forms when {@code rate} is none of them
   */
  public static Duration interval(String rate) {
    String text = rate.strip().toLowerCase(Locale.ROOT);
    int slash = text.indexOf('/');
    try {
      if (slash > 0) {
        double count = Double.parseDouble(text.substring(0, slash));
        Duration per =
            switch (text.substring(slash + 1)) {
              case "s", "sec", "second" -> Duration.ofSeconds(1);
              case "m", "min", "minute" -> Duration.ofMinutes(1);
              case "h", "hour" -> Duration.ofHours(1);
              default -> null;
            };
        // At most a thousand a second: faster is no rate but a flood.
        if (per != null && count > 0 && per.toNanos() / count >= 1_000_000) {
          return Duration.ofNanos((long) (per.toNanos() / count));
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "invalid rate '" + rate + "': expected requests per time, such as 1/s, 20/min or 500/h");
  }
}
