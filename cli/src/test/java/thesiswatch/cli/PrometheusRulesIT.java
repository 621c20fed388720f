package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert rules Prometheus loads in docker compose, checked by Prometheus's own tool: they parse
 * ({@code promtool check rules}), fire as their unit tests say ({@code promtool test rules}), and
 * the Prometheus config that loads them is valid ({@code promtool check config}).
 */
class PrometheusRulesIT {

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final Path OPS = Path.of("..", "ops", "prometheus").toAbsolutePath().normalize();

  @BeforeEach
  void promtoolIsInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(PROMTOOL),
        "promtool not installed (Debian package prometheus; .ci/run installs it): alert rules"
            + " not checked");
  }

  @Test
  void theRulesParseFireAsTheirTestsSayAndAreLoadedByTheConfig() throws Exception {
    assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS: 8 rules found");
    assertThat(promtool("test", "rules", "alerts-test.yml")).contains("SUCCESS");
    assertThat(promtool("check", "config", "prometheus.yml"))
        .contains("SUCCESS: 1 rule files found");
  }

  @Test
  void thereIsARuleForEveryStallFailingFeedsDeadLettersAndLag() throws IOException {
    JsonNode rules =
        new ObjectMapper(new YAMLFactory()).readTree(OPS.resolve("alerts.yml").toFile());
    Map<String, String> expressions = new TreeMap<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        expressions.put(rule.path("alert").asText(), rule.path("expr").asText());
      }
    }
    assertThat(expressions)
        .containsOnlyKeys(
            "IngestStalled",
            "ClassifierStalled",
            "DashboardStalled",
            "FeedsFailing",
            "MostFeedsFailing",
            "DeadLettersGrowing",
            "ClassifierLagHigh",
            "DashboardLagHigh");
    assertThat(expressions.get("IngestStalled")).contains("thesiswatch_ingest_stalled");
    assertThat(expressions.get("ClassifierStalled")).contains("thesiswatch_classifier_stalled");
    assertThat(expressions.get("DashboardStalled")).contains("thesiswatch_dashboard_stalled");
    assertThat(expressions.get("FeedsFailing"))
        .contains("thesiswatch_ingest_feeds{status=\"failing\"}");
    assertThat(expressions.get("DeadLettersGrowing")).contains("thesiswatch_classifier_dlq_total");
    assertThat(expressions.get("ClassifierLagHigh"))
        .contains("kafka_consumer_fetch_manager_records_lag_max");
    assertThat(expressions.get("DashboardLagHigh")).contains("thesiswatch_dashboard_consumer_lag");
  }

  /** Runs promtool in the rules' directory; its output, after asserting it exited 0. */
  private static String promtool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(PROMTOOL.toString());
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).directory(OPS.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor())
        .as("promtool %s:%n%s", String.join(" ", arguments), output)
        .isZero();
    return output;
  }
}
