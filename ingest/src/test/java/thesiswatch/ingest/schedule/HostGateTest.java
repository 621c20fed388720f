package thesiswatch.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HostGateTest {

  static final Instant NOW = Instant.parse("2025-03-03T12:00:00Z");

  @Test
  void atMostNPerHostAndNoneWhileTheHostRests() {
    HostGate gate = new HostGate(2);
    assertThat(gate.tryAcquire("a.example", NOW)).isTrue();
    assertThat(gate.tryAcquire("a.example", NOW)).isTrue();
    assertThat(gate.tryAcquire("a.example", NOW)).isFalse();
    assertThat(gate.tryAcquire("b.example", NOW)).isTrue();
    gate.release("a.example");
    assertThat(gate.tryAcquire("a.example", NOW)).isTrue();

    gate.restUntil("b.example", NOW.plusSeconds(120));
    gate.release("b.example");
    assertThat(gate.tryAcquire("b.example", NOW.plusSeconds(119))).isFalse();
    assertThat(gate.tryAcquire("b.example", NOW.plusSeconds(120))).isTrue();
    assertThat(gate.restingUntil("b.example")).isEqualTo(NOW.plusSeconds(120));
  }

  @Test
  void hostKeysAreLowerCaseHosts() {
    assertThat(HostGate.hostOf("https://News.Example.COM:8443/feed")).isEqualTo("news.example.com");
    assertThat(HostGate.hostOf("file:///tmp/feed.xml")).isEmpty();
  }
}
