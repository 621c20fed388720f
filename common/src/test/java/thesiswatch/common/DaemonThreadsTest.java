package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

  @Test
  void numberedThreadsAreDaemonsCountedFromOne() {
    ThreadFactory factory = DaemonThreads.numbered("ingest-fetch");
    Thread first = factory.newThread(() -> {});
    Thread second = factory.newThread(() -> {});
    assertThat(first.getName()).isEqualTo("ingest-fetch-1");
    assertThat(second.getName()).isEqualTo("ingest-fetch-2");
    assertThat(first.isDaemon()).isTrue();
  }

  @Test
  void aNamedThreadKeepsItsName() {
    Thread thread = DaemonThreads.named("dashboard-stream").newThread(() -> {});
    assertThat(thread.getName()).isEqualTo("dashboard-stream");
    assertThat(thread.isDaemon()).isTrue();
  }
}
