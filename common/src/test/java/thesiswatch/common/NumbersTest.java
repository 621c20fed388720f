package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NumbersTest {

  @Test
  void anIntegerCountsOnlyWithinItsBounds() {
    assertThat(Numbers.integer(" 42 ", 1, 100)).isEqualTo(OptionalInt.of(42));
    assertThat(Numbers.integer("1", 1, 100)).isEqualTo(OptionalInt.of(1));
    assertThat(Numbers.integer("101", 1, 100)).isEmpty();
    assertThat(Numbers.integer("4.5", 1, 100)).isEmpty();
    assertThat(Numbers.integer("99999999999", 1, Integer.MAX_VALUE)).isEmpty();
    assertThat(Numbers.integer("ten", 1, 100)).isEmpty();
  }

  @Test
  void aDecimalMustBeFiniteAndWithinItsBounds() {
    assertThat(Numbers.decimal("0.05", 0, 1)).isEqualTo(OptionalDouble.of(0.05));
    assertThat(Numbers.decimal("NaN", 0, 1)).isEmpty();
    assertThat(Numbers.decimal("Infinity", 0, 1)).isEmpty();
    assertThat(Numbers.decimal("-0.1", 0, 1)).isEmpty();
  }
}
