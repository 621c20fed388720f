package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import thesiswatch.cli.ops.OpsEndpoint;
import thesiswatch.common.Env;
import thesiswatch.dashboard.DashboardConfig;

/**
 * docker compose cannot run here, so its file is checked against the code: every variable it sets
 * is one the service reads (with a valid value), every scrape target of Prometheus is a service
 * with that port, and every command the images run is a CLI subcommand. The README's settings table
 * is checked against the same recorded settings, so neither can drift.
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** How each service of the compose file reads its settings, as its command does at start. */
  private static final Map<String, Consumer<Env>> READERS = new LinkedHashMap<>();

  static {
    READERS.put("ingest", env -> new ServiceCommand.Ingest().configure(env));
    READERS.put("classifier", env -> new ServiceCommand.Classifier().configure(env));
    READERS.put("dashboard", env -> new ServiceCommand.Dashboard().configure(env));
    READERS.put("topics", TopicsCommand::configure);
  }

  @Test
  void everyVariableComposeSetsIsReadByItsServiceAndValid() throws IOException {
    JsonNode services = compose().path("services");
    for (Map.Entry<String, Consumer<Env>> service : READERS.entrySet()) {
      Map<String, String> environment = new TreeMap<>();
      services
          .path(service.getKey())
          .path("environment")
          .fields()
          .forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
      Env env = new Env(environment);
      service.getValue().accept(env); // throws, naming the variable, when a value is invalid
      assertThat(env.requested().keySet())
          .as("variables %s reads", service.getKey())
          .containsAll(environment.keySet());
    }
  }

  @Test
  void prometheusScrapesServicesThatExistOnTheirPorts() throws IOException {
    JsonNode services = compose().path("services");
    JsonNode prometheus = YAML.readTree(ROOT.resolve("ops/prometheus/prometheus.yml").toFile());
    Map<String, Integer> targets = new TreeMap<>();
    for (JsonNode job : prometheus.path("scrape_configs")) {
      job.path("static_configs")
          .forEach(
              config ->
                  config
                      .path("targets")
                      .forEach(
                          target -> {
                            String[] hostPort = target.asText().split(":");
                            targets.put(hostPort[0], Integer.parseInt(hostPort[1]));
                          }));
      job.path("dns_sd_configs")
          .forEach(
              config ->
                  config
                      .path("names")
                      .forEach(name -> targets.put(name.asText(), config.path("port").asInt())));
    }
    assertThat(targets).containsOnlyKeys("ingest", "classifier", "dashboard");
    Map<String, Integer> ports = new TreeMap<>();
    ports.put("ingest", settingOf(services, "ingest", "INGEST_OPS_PORT", OpsEndpoint.INGEST_PORT));
    ports.put(
        "classifier",
        settingOf(services, "classifier", "CLASSIFIER_OPS_PORT", OpsEndpoint.CLASSIFIER_PORT));
    ports.put(
        "dashboard",
        settingOf(
            services,
            "dashboard",
            "DASHBOARD_PORT",
            DashboardConfig.from(new Env(Map.of())).port()));
    assertThat(targets).isEqualTo(ports);
    for (String service : targets.keySet()) {
      assertThat(services.has(service)).as("compose service %s", service).isTrue();
    }
  }

  @Test
  void everyCommandTheImagesRunIsACliSubcommand() throws IOException {
    var subcommands = Main.commandLine().getSubcommands().keySet();
    compose()
        .path("services")
        .fields()
        .forEachRemaining(
            service -> {
              JsonNode command = service.getValue().path("command");
              if (command.isArray()
                  && service.getValue().path("image").asText().startsWith("thesiswatch")) {
                assertThat(subcommands)
                    .as("command of %s", service.getKey())
                    .contains(command.get(0).asText());
              }
              JsonNode test = service.getValue().path("healthcheck").path("test");
              if (test.size() > 4 && test.get(3).asText().endsWith("thesiswatch.jar")) {
                assertThat(subcommands).contains(test.get(4).asText());
              }
            });
    String entrypoint = Files.readString(ROOT.resolve("Dockerfile"));
    assertThat(entrypoint).contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/thesiswatch.jar\"]");
  }

  @Test
  void theReadmeSettingsTableListsExactlyWhatTheServicesReadWithTheirDefaults() throws IOException {
    Map<String, String> read = new TreeMap<>();
    for (Consumer<Env> reader : READERS.values()) {
      Env env = new Env(Map.of());
      reader.accept(env);
      read.putAll(env.requested());
    }
    Map<String, String> documented = new TreeMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\| `?([^|`]*)`? \\|")
            .matcher(Files.readString(ROOT.resolve("README.md")));
    while (row.find()) {
      documented.put(row.group(1), row.group(2).strip());
    }
    // Defaults that depend on the machine are documented by their rule, not their value.
    read.computeIfPresent("CLASSIFIER_TRANSACTIONAL_ID", (name, value) -> "classifier-$HOSTNAME");
    documented.computeIfPresent(
        "CLASSIFIER_TRANSACTIONAL_ID", (name, value) -> "classifier-$HOSTNAME");
    read.replaceAll((name, value) -> value.isEmpty() ? "(none)" : value);
    assertThat(documented).isEqualTo(read);
  }

  private static JsonNode compose() throws IOException {
    return YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
  }

  private static int settingOf(JsonNode services, String service, String variable, int fallback) {
    JsonNode value = services.path(service).path("environment").path(variable);
    return value.isMissingNode() ? fallback : value.asInt();
  }
}
