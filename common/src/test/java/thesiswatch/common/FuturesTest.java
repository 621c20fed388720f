package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FuturesTest {

  @Test
  void aValueIsReturned() {
    assertThat(Futures.joinUnwrapped(CompletableFuture.supplyAsync(() -> 42))).isEqualTo(42);
  }

  @Test
  void aFailureIsRaisedAsItWasThrownNotWrapped() {
    CompletableFuture<Object> failed =
        CompletableFuture.supplyAsync(
            () -> {
              throw new IllegalArgumentException("bad themes file");
            });
    assertThatThrownBy(() -> Futures.joinUnwrapped(failed))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad themes file");
  }

  @Test
  void anErrorIsRaisedAsItWasThrown() {
    CompletableFuture<Object> failed = new CompletableFuture<>();
    failed.completeExceptionally(new StackOverflowError("deep"));
    assertThatThrownBy(() -> Futures.joinUnwrapped(failed))
        .isExactlyInstanceOf(StackOverflowError.class);
  }
}
