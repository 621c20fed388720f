package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

  @Test
  void unsetOrBlankVariablesTakeTheirDefaults() {
    Env env = new Env(Map.of("BLANK", "  "));
    assertThat(env.string("BLANK", "d")).isEqualTo("d");
    assertThat(env.integer("MISSING", 7, 1, 10)).isEqualTo(7);
    assertThat(Topics.from(env)).isEqualTo(Topics.DEFAULTS);
  }

  @Test
  void badValuesNameTheVariableAndWhatItAllows() {
    Env env = new Env(Map.of("PORT", "80a", "POLL", "soon", "FLAG", "maybe", "RATIO", "0.5"));
    assertThatThrownBy(() -> env.decimal("RATIO", 3.0, 1.0, 1000.0))
        .hasMessage("invalid setting RATIO='0.5': expected a number from 1.0 to 1000.0");
    assertThatThrownBy(() -> env.integer("PORT", 8080, 1, 65535))
        .hasMessage("invalid setting PORT='80a': expected an integer from 1 to 65535");
    assertThatThrownBy(() -> env.duration("POLL", Duration.ofMinutes(15), Duration.ofSeconds(1)))
        .hasMessageStartingWith(
            "invalid setting POLL='soon': expected a duration of at least 1000ms");
    Env huge = new Env(Map.of("POLL", "9223372036854775807s", "SHORT", "2h"));
    assertThatThrownBy(() -> huge.duration("POLL", Duration.ofMinutes(15), Duration.ofSeconds(1)))
        .hasMessageStartingWith(
            "invalid setting POLL='9223372036854775807s': expected a duration of at least 1000ms"
                + " and at most 3650d");
    assertThatThrownBy(
            () ->
                huge.duration("SHORT", Duration.ofMinutes(15), Duration.ZERO, Duration.ofHours(1)))
        .hasMessageStartingWith(
            "invalid setting SHORT='2h': expected a duration of at least 0ms" + " and at most 1h");
    assertThatThrownBy(() -> env.bool("FLAG", false))
        .hasMessage("invalid setting FLAG='maybe': expected true or false");
  }

  @Test
  void durationsReadTheUsualShortForms() {
    assertThat(Env.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Env.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Env.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Env.parseDuration("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThat(Env.parseDuration("x")).isNull();
  }

  @Test
  void remembersEveryVariableAskedForWithItsDefault() {
    Env env = new Env(Map.of());
    env.integer("DASHBOARD_PORT", 8080, 0, 65535);
    env.duration("INGEST_POLL_INTERVAL", Duration.ofMinutes(15), Duration.ofSeconds(1));
    env.bool("FLAG", false);
    Topics.from(env);
    assertThat(env.requested())
        .containsEntry("DASHBOARD_PORT", "8080")
        .containsEntry("INGEST_POLL_INTERVAL", "15m")
        .containsEntry("FLAG", "false")
        .containsEntry("TOPIC_TAGGED", "articles.tagged")
        .hasSize(9);
    assertThat(Env.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Env.format(Duration.ofDays(14))).isEqualTo("14d");
  }

  @Test
  void topicVariablesReadBackAsTheSameTopics() {
    Topics renamed = new Topics("a", "b", "c", "d", "e", "f");
    assertThat(Topics.from(new Env(renamed.variables()))).isEqualTo(renamed);
    assertThat(Topics.DEFAULTS.variables())
        .containsEntry("TOPIC_FEED_STATE", "feed-state")
        .containsEntry("TOPIC_CLAIM_VERDICTS", "claim-verdicts")
        .containsEntry("TOPIC_BACKFILL_STATE", "backfill-state")
        .hasSize(6);
  }
}
