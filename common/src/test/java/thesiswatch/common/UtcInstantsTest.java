package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcInstantsTest {

  /** Jackson's own reading of instants, which the shared mapper must agree with everywhere. */
  private static final ObjectMapper JACKSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  record Holder(Instant at) {}

  @Test
  void theCanonicalFormIsReadDirectlyAndMeansWhatInstantParseSays() {
    SplittableRandom random = new SplittableRandom(18);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(random.nextLong(min, max + 1), random.nextInt(1_000_000_000));
      String seconds = instant.toString().substring(0, 19);
      String nanos = String.format("%09d", instant.getNano());
      int digits = random.nextInt(10);
      String text = seconds + (digits == 0 ? "" : "." + nanos.substring(0, digits)) + "Z";
      assertThat(UtcInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
    for (String leapDays : List.of("2024-02-29T12:00:00Z", "2000-02-29T00:00:00Z")) {
      assertThat(UtcInstants.parse(leapDays)).isEqualTo(Instant.parse(leapDays));
    }
  }

  @Test
  void everyInstantIsWrittenAsJacksonWritesIt() throws Exception {
    SplittableRandom random = new SplittableRandom(25);
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.MIN,
                Instant.MAX,
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2025-02-10T09:12:31.100Z"),
                Instant.parse("2025-02-10T09:12:31.000100Z"),
                Instant.parse("2025-02-10T09:12:31.000000001Z")));
    long min = Instant.parse("-2000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      int nanos =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      instants.add(Instant.ofEpochSecond(random.nextLong(min, max), nanos));
    }
    ObjectMapper jacksonWriter =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    for (Instant instant : instants) {
      String expected = jacksonWriter.writeValueAsString(new Holder(instant));
      assertThat(Json.write(new Holder(instant))).as(instant.toString()).isEqualTo(expected);
      char[] direct = UtcInstants.format(instant);
      if (direct != null) {
        assertThat(new String(direct)).isEqualTo(instant.toString());
      }
    }
  }

  @Test
  void everyOtherFormIsLeftToJackson() {
    for (String text : otherForms()) {
      assertThat(UtcInstants.parse(text)).as(text).isNull();
    }
  }

  @Test
  void theSharedMapperReadsEveryValueAsJacksonDoesAndFailsWhereItFails() throws Exception {
    List<String> values = new ArrayList<>();
    values.add("\"2025-02-10T08:00:00Z\"");
    values.add("\"2025-02-10T08:00:00.123456789Z\"");
    values.add("\"1970-01-01T00:00:00.5Z\"");
    for (String text : otherForms()) {
      values.add("\"" + text + "\"");
    }
    values.addAll(List.of("1700000000", "1700000000.25", "-1", "true", "[]", "{}", "null"));
    for (String value : values) {
      String json = "{\"at\":" + value + "}";
      assertThat(outcome(Json.MAPPER, json)).as(json).isEqualTo(outcome(JACKSON, json));
    }
  }

  /** Texts outside the canonical form: other valid ISO forms, and invalid ones. */
  private static List<String> otherForms() {
    return List.of(
        "2023-02-29T00:00:00Z",
        "2025-13-01T00:00:00Z",
        "2025-00-10T00:00:00Z",
        "2025-04-31T00:00:00Z",
        "2025-01-01T24:00:00Z",
        "2025-01-01T23:60:00Z",
        "2025-01-01T23:59:60Z",
        "2025-01-01T00:00:00+08:00",
        "2025-01-01T00:00:00.Z",
        "2025-01-01T00:00:00.1234567890Z",
        "2025-01-01t00:00:00z",
        "2025-01-01 00:00:00Z",
        " 2025-01-01T00:00:00Z",
        "2025-01-01T00:00:00Z ",
        "+12025-01-01T00:00:00Z",
        "２０２５-01-01T00:00:00Z",
        "2025-1-01T00:00:00Z",
        "2025-01-01T00:00Z",
        "not a date",
        "");
  }

  /** What reading {@code json} gives: the instant, or the class and message of the failure. */
  private static String outcome(ObjectMapper mapper, String json) {
    try {
      return String.valueOf(mapper.readValue(json, Holder.class).at());
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage().lines().findFirst().orElse("");
    }
  }
}
