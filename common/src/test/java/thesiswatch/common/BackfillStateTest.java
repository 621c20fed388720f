package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a {@code backfill-state} record may hold: every value this code writes reads back, and
 * values it never writes (another writer's, a corrupted topic's) are refused with the field named,
 * so that neither a resumed backfill nor {@code /api/backfill} takes them for true.
 */
class BackfillStateTest {

  private static final String KEY = "archive https://web.archive.org https://example.com/feed";
  private static final String VALID =
      "{\"key\":\""
          + KEY
          + "\",\"source\":\"archive\",\"origin\":\"https://web.archive.org\","
          + "\"feed\":\"https://example.com/feed\",\"status\":\"running\",\"total\":10,"
          + "\"done\":4,\"articles\":12,\"problems\":{\"http_404\":1},"
          + "\"covered\":[{\"from\":\"2025-02-10T06:00:00Z\",\"to\":\"2025-02-10T07:00:00Z\"},"
          + "{\"from\":\"2025-02-11T06:00:00Z\",\"to\":\"2025-02-11T07:00:00Z\"}],"
          + "\"position\":0,\"capturesByDay\":{\"2025-02-10\":4},\"seenIds\":[\"a\"]}";

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aStateThisCodeWritesIsReadUnderItsKey() {
    BackfillState state = BackfillState.read(KEY, utf8(VALID));
    assertThat(state.done()).isEqualTo(4);
    assertThat(BackfillState.read(KEY, Json.bytes(state))).isEqualTo(state);
    BackfillState fresh = BackfillState.fresh("csv", "history.csv", null);
    assertThat(fresh.total()).isEqualTo(-1); // "not known yet" is allowed
    assertThat(Json.read(Json.bytes(fresh.restarted()), BackfillState.class))
        .isEqualTo(fresh.restarted());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "an unknown status|\"status\":\"running\"|\"status\":\"weird\"|none of running, done,"
            + " stopped",
        "a negative total|\"total\":10|\"total\":-2|total is -2",
        "negative articles|\"articles\":12|\"articles\":-1|articles is -1",
        "a negative done|\"done\":4|\"done\":-4|done is -4",
        "a negative position|\"position\":0|\"position\":-1|position is -1",
        "a negative problem count|\"http_404\":1|\"http_404\":-1|problems of http_404",
        "a day that is no date|\"2025-02-10\":4|\"yesterday\":4|'yesterday' is not a date",
        "negative captures|\"2025-02-10\":4|\"2025-02-10\":-4|captures on 2025-02-10",
        "overlapping ranges|2025-02-11T06:00:00Z|2025-02-10T06:30:00Z|overlap or are out of order",
        "a range ending first|\"to\":\"2025-02-10T07:00:00Z\"|\"to\":\"2025-02-01T07:00:00Z\"|ends"
            + " before",
        "a key not its"
            + " unit's|\"origin\":\"https://web.archive.org\"|\"origin\":\"https://x.example\"|not"
            + " its unit's",
      })
  void aValueThisCodeNeverWritesIsRefusedWithItsField(
      String what, String from, String to, String reason) {
    String bad = VALID.replace(from, to);
    assertThat(bad).as(what).isNotEqualTo(VALID);
    assertThatThrownBy(() -> BackfillState.read(KEY, utf8(bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void aStateUnderAnotherUnitsKeyIsRefused() {
    assertThatThrownBy(() -> BackfillState.read("csv other.csv", utf8(VALID)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("under the key 'csv other.csv'");
    assertThatThrownBy(() -> BackfillState.read(KEY, utf8("{garbage")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid BackfillState");
  }
}
