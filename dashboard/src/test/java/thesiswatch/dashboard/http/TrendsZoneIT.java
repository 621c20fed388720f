package thesiswatch.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.dashboard.Fixtures;
import thesiswatch.dashboard.Fixtures.Response;
import thesiswatch.testkit.TestArticles;

/**
 * {@code tz=} on {@code /api/trends}, {@code /api/articles} and {@code /api/scorecard}: days and
 * weeks bucketed at the zone's midnight, date-only bounds taken as local days, the scorecard's
 * windows made of the zone's days, an unknown zone refused with 400 naming the parameter.
 */
class TrendsZoneIT {

  @TempDir static Path dir;
  private static ApiHarness harness;

  @BeforeAll
  static void start() {
    harness = new ApiHarness(dir, TestArticles.tagged("tagged-small.jsonl"));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static Response get(String pathAndQuery) {
    return Fixtures.get(harness.port(), pathAndQuery);
  }

  private static List<String> starts(JsonNode body) {
    List<String> starts = new ArrayList<>();
    body.get("buckets").forEach(b -> starts.add(b.get("start").asText()));
    return starts;
  }

  private static long sum(JsonNode body, String field) {
    long sum = 0;
    for (JsonNode bucket : body.get("buckets")) {
      sum += bucket.get(field).asLong();
    }
    return sum;
  }

  @Test
  void daysStartAtMidnightInTheZoneAsked() {
    JsonNode utc =
        get("/api/trends?theme=layoffs&interval=day&from=2025-02-09&to=2025-02-12").json();
    assertThat(utc.get("tz").asText()).isEqualTo("UTC");
    assertThat(starts(utc))
        .containsExactly("2025-02-09T00:00:00Z", "2025-02-10T00:00:00Z", "2025-02-11T00:00:00Z");

    JsonNode shanghai =
        get("/api/trends?theme=layoffs&interval=day&from=2025-02-09&to=2025-02-12&tz=Asia/Shanghai")
            .json();
    assertThat(shanghai.get("tz").asText()).isEqualTo("Asia/Shanghai");
    assertThat(starts(shanghai))
        .containsExactly("2025-02-08T16:00:00Z", "2025-02-09T16:00:00Z", "2025-02-10T16:00:00Z");
    // The same local days counted hour by hour in UTC give the same totals.
    JsonNode hours =
        get("/api/trends?theme=layoffs&interval=hour&from=2025-02-08T16:00:00Z&to=2025-02-11T16:00:00Z")
            .json();
    assertThat(sum(shanghai, "count")).isEqualTo(sum(hours, "count"));
    assertThat(sum(shanghai, "total")).isEqualTo(sum(hours, "total"));

    JsonNode weeks =
        get("/api/trends?theme=gig_work&interval=week&lang=zh&tz=America/New_York").json();
    assertThat(starts(weeks)).allMatch(start -> start.endsWith("T05:00:00Z"));
  }

  @Test
  void aSearchTakesItsDaysInTheZoneToo() {
    JsonNode shanghai =
        get("/api/articles?theme=layoffs&from=2025-02-09&to=2025-02-12&tz=Asia/Shanghai&limit=100")
            .json();
    JsonNode sameInstants =
        get("/api/articles?theme=layoffs&from=2025-02-08T16:00:00Z&to=2025-02-11T16:00:00Z&limit=100")
            .json();
    assertThat(shanghai.get("total").asLong()).isEqualTo(sameInstants.get("total").asLong());
    JsonNode days =
        get("/api/trends?theme=layoffs&interval=day&from=2025-02-09&to=2025-02-12&tz=Asia/Shanghai")
            .json();
    assertThat(shanghai.get("total").asLong()).isEqualTo(sum(days, "count"));
  }

  @Test
  void theScorecardSaysWhichZoneItsWindowsAreIn() {
    assertThat(get("/api/scorecard").json().get("tz").asText()).isEqualTo("UTC");
    JsonNode shanghai = get("/api/scorecard?tz=Asia/Shanghai").json();
    assertThat(shanghai.get("tz").asText()).isEqualTo("Asia/Shanghai");
    assertThat(shanghai.get("claims").get(0).get("window").get("from").asText())
        .isEqualTo("2025-01-01");
    JsonNode claim = get("/api/scorecard/layoffs?tz=Asia/Shanghai").json();
    assertThat(claim.get("tz").asText()).isEqualTo("Asia/Shanghai");
    assertThat(claim.at("/claim/evidence/search/supports/tz").asText()).isEqualTo("Asia/Shanghai");
  }

  @Test
  void anUnknownZoneIsRefusedNamingTheParameter() {
    for (String path :
        List.of("/api/trends?theme=layoffs&", "/api/scorecard?", "/api/articles?q=ai&")) {
      Response bad = get(path + "tz=Mars/Olympus");
      assertThat(bad.status()).as(path).isEqualTo(400);
      assertThat(bad.json().get("error").asText()).isEqualTo("bad_parameter");
      assertThat(bad.json().get("detail").asText())
          .isEqualTo(
              "tz must be an IANA time zone such as Asia/Shanghai or UTC, not 'Mars/Olympus'");
    }
  }
}
