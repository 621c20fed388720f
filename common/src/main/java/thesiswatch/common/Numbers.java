package thesiswatch.common;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Numbers read from text within bounds, the one rule behind settings and query parameters; each
 * caller words its own message when the answer is empty.
 */
public final class Numbers {

  private Numbers() {}

  /** {@code text} as a decimal integer in {@code [min, max]}, or empty when it is not one. */
  public static OptionalInt integer(String text, int min, int max) {
    try {
      int parsed = Integer.parseInt(text.strip());
      return parsed >= min && parsed <= max ? OptionalInt.of(parsed) : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** {@code text} as a finite number in {@code [min, max]}, or empty when it is not one. */
  public static OptionalDouble decimal(String text, double min, double max) {
    try {
      double parsed = Double.parseDouble(text.strip());
      return parsed >= min && parsed <= max ? OptionalDouble.of(parsed) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }
}
