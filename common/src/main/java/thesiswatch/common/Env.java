package thesiswatch.common;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Reads settings from environment variables (or any map standing in for them, as tests and the demo
 * do), each with a named default. A bad value fails at start with a message that names the variable
 * and what it allows.
 */
public final class Env {

  /**
   * The longest duration any setting takes: ten years is beyond every interval and timeout, and a
   * longer one (say {@code 9223372036854775807s}) would overflow the arithmetic of times later.
   */
  public static final Duration MAX_DURATION = Duration.ofDays(3650);

  private final Map<String, String> variables;

  /**
   * Every variable asked for, with its default as text: what the README's table and the compose
   * check read.
   */
  private final Map<String, String> requested = new ConcurrentSkipListMap<>();

  /** Settings from {@code variables}; unset and blank variables take their defaults. */
  public Env(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /**
   * The variables read so far, each with its default as text (empty when there is none): after a
   * service's config has been built, exactly the settings that service reads.
   */
  public Map<String, String> requested() {
    return Map.copyOf(requested);
  }

  /** Settings from this process's environment. */
  public static Env system() {
    return new Env(System.getenv());
  }

  /** The raw value of {@code name}, or {@code fallback} when unset or blank. */
  public String string(String name, String fallback) {
    requested.putIfAbsent(name, fallback == null ? "" : fallback);
    String value = variables.get(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /** An integer in {@code [min, max]}. */
  public int integer(String name, int fallback, int min, int max) {
    requested.put(name, String.valueOf(fallback));
    String value = raw(name);
    if (value == null) {
      return fallback;
    }
    return Numbers.integer(value, min, max)
        .orElseThrow(() -> invalid(name, value, "an integer from " + min + " to " + max));
  }

  /** A decimal number in {@code [min, max]}. */
  public double decimal(String name, double fallback, double min, double max) {
    requested.put(name, String.valueOf(fallback));
    String value = raw(name);
    if (value == null) {
      return fallback;
    }
    return Numbers.decimal(value, min, max)
        .orElseThrow(() -> invalid(name, value, "a number from " + min + " to " + max));
  }

  /**
   * A duration such as {@code 30s}, {@code 15m}, {@code 2h} or ISO-8601 {@code PT15M}, at least
   * {@code min} and at most {@link #MAX_DURATION}.
   */
  public Duration duration(String name, Duration fallback, Duration min) {
    return duration(name, fallback, min, MAX_DURATION);
  }

  /** A duration as {@link #duration(String, Duration, Duration)}, in {@code [min, max]}. */
  public Duration duration(String name, Duration fallback, Duration min, Duration max) {
    requested.put(name, format(fallback));
    String value = raw(name);
    if (value == null) {
      return fallback;
    }
    Duration parsed = parseDuration(value);
    if (parsed == null || parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      throw invalid(
          name,
          value,
          "a duration of at least "
              + min.toMillis()
              + "ms and at most "
              + format(max)
              + ", such as 500ms, 30s, 15m, 2h or PT15M");
    }
    return parsed;
  }

  /** {@code true}/{@code false} (also {@code 1}/{@code 0}, {@code yes}/{@code no}). */
  public boolean bool(String name, boolean fallback) {
    requested.put(name, String.valueOf(fallback));
    String value = raw(name);
    if (value == null) {
      return fallback;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes":
        return true;
      case "false", "0", "no":
        return false;
      default:
        throw invalid(name, value, "true or false");
    }
  }

  /** A filesystem path. */
  public Path path(String name, String fallback) {
    return Path.of(string(name, fallback));
  }

  private String raw(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * {@code duration} in the shortest of the forms {@link #parseDuration} reads, e.g. {@code 15m}.
   */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 86_400_000 == 0 && millis > 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }

  /**
   * Parses {@code 250ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d} or ISO-8601; null when
   * it is none of these.
   */
  public static Duration parseDuration(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("p")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> null;
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }

  private static IllegalArgumentException invalid(String name, String value, String allowed) {
    return new IllegalArgumentException(
        "invalid setting " + name + "='" + value + "': expected " + allowed);
  }
}
