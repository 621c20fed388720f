package thesiswatch.dashboard.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.lucene.index.CorruptIndexException;
import org.junit.jupiter.api.Test;

class IndexHealthTest {

  @Test
  void onlyIoErrorsThatAreNotDamageAreRecoverable() {
    IOException full = new IOException("No space left on device");
    assertThat(IndexHealth.recoverable(new UncheckedIOException("cannot refresh", full), null))
        .isTrue();
    assertThat(IndexHealth.recoverable(new IllegalStateException("closed"), full)).isTrue();
    assertThat(
            IndexHealth.recoverable(
                new IllegalStateException("closed"),
                new CorruptIndexException("checksum", "_0.cfs")))
        .isFalse();
    assertThat(IndexHealth.recoverable(new IllegalArgumentException("a bug"), null)).isFalse();
    assertThat(
            IndexHealth.rootCause(
                new UncheckedIOException("cannot refresh", new IOException("outer", full)), null))
        .isEqualTo("java.io.IOException: No space left on device");
  }

  @Test
  void healthyAgainOnlyOnceEverythingReadWhenItFailedIsDurable() {
    IndexHealth health = new IndexHealth();
    health.committed(Map.of(0, 10L, 1, 20L));
    assertThat(health.recovered()).isFalse();
    assertThat(health.progress()).isEqualTo(30);
    assertThat(health.lag(Map.of(0, 15L, 1, 20L))).isEqualTo(5);

    IllegalStateException problem = new IllegalStateException("full");
    health.failed(problem, Map.of(0, 14L, 1, 20L));
    assertThat(health.problem()).isSameAs(problem);
    // A commit squeezed in on the nearly full disk: some progress, not a recovery.
    health.committed(Map.of(0, 12L, 1, 20L));
    assertThat(health.recovered()).isFalse();
    assertThat(health.problem()).isSameAs(problem);
    assertThat(health.progress()).isEqualTo(32);

    health.committed(Map.of(0, 14L, 1, 21L));
    assertThat(health.recovered()).isTrue();
    assertThat(health.problem()).isNull();
    assertThat(health.lag(Map.of(0, 15L, 1, 21L))).isEqualTo(1);
  }
}
