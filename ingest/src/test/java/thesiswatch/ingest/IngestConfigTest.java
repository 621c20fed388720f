package thesiswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import thesiswatch.common.Env;
import thesiswatch.common.Topics;

class IngestConfigTest {

  @Test
  void defaults() {
    IngestConfig config = IngestConfig.from(new Env(Map.of()));
    assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.topics()).isEqualTo(Topics.DEFAULTS);
    assertThat(config.feedsFile()).isEqualTo(Path.of("seeds/feeds.opml"));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.startupSpread()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.allowPrivate()).isEmpty();
    assertThat(config.perHostConcurrency()).isEqualTo(2);
    assertThat(config.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
  }

  @Test
  void readsEverySettingAndRefusesBadValuesByName() {
    IngestConfig config =
        IngestConfig.from(
            new Env(
                Map.of(
                    "INGEST_ALLOW_PRIVATE", "127.0.0.1:8081, localhost ,",
                    "INGEST_POLL_INTERVAL", "30m",
                    "INGEST_FETCH_TIMEOUT", "5s")));
    assertThat(config.allowPrivate()).isEqualTo(Set.of("127.0.0.1:8081", "localhost"));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.fetchLimits().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> IngestConfig.from(new Env(Map.of("INGEST_PER_HOST", "0"))))
        .hasMessage("invalid setting INGEST_PER_HOST='0': expected an integer from 1 to 16");
  }
}
