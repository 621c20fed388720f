package thesiswatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import thesiswatch.common.Json;

/**
 * Where a running demo can be reached: it writes {@code DATA/addresses.json} when it starts, and
 * the commands that talk to a running system ({@code query}, {@code reclassify}, {@code backfill})
 * read it, so that a demo started on other ports is found without flags. The one rule for which
 * address a command uses: its flag, else the environment variable, else the demo's file, else the
 * default — and the command says which it took.
 *
 * @param dashboard the dashboard's base URL, e.g. {@code http://localhost:8080}
 * @param kafka the broker's {@code host:port}
 */
record Addresses(String dashboard, String kafka) {

  /** The file a demo writes into its data directory. */
  static final String FILE = "addresses.json";

  /** The default dashboard URL, as the demo and compose serve it. */
  static final String DEFAULT_DASHBOARD = "http://localhost:8080";

  /** The default broker, as the demo and compose serve it. */
  static final String DEFAULT_KAFKA = "localhost:9092";

  /**
   * An address and where it came from, for the line the command prints.
   *
   * @param value the address
   * @param source {@code --url}, {@code KAFKA_BOOTSTRAP_SERVERS}, the file, or {@code default}
   */
  record Chosen(String value, String source) {
    /** E.g. {@code dashboard http://localhost:18080 (from data/addresses.json)}. */
    String describe(String what) {
      return what + " " + value + " (from " + source + ")";
    }
  }

  /**
   * Writes these addresses into {@code dataDir}, replacing the file at once (never half written).
   */
  void write(Path dataDir) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("dashboard", dashboard);
    body.put("kafka", kafka);
    try {
      Path temp = Files.createTempFile(dataDir, FILE, ".tmp");
      Files.write(temp, Json.bytes(body));
      Files.move(
          temp,
          dataDir.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
    }
  }

  /** Removes the file when the demo stops, so that no command talks to ports nobody serves. */
  static void forget(Path dataDir) {
    try {
      Files.deleteIfExists(dataDir.resolve(FILE));
    } catch (IOException e) {
      // A stale file only makes the next command say that nothing answers at its address.
    }
  }

  /** The addresses a demo wrote into {@code dataDir}, if it did and the file is readable. */
  static Optional<Addresses> read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(Files.readAllBytes(file));
      String dashboard = node.path("dashboard").asText(null);
      String kafka = node.path("kafka").asText(null);
      return dashboard == null || kafka == null
          ? Optional.empty()
          : Optional.of(new Addresses(dashboard, kafka));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The dashboard a command talks to: {@code flag}, else the demo's file in {@code dataDir}, else
   * the default.
   */
  static Chosen dashboard(String flag, Path dataDir) {
    if (flag != null && !flag.isBlank()) {
      return new Chosen(flag.replaceAll("/+$", ""), "--url");
    }
    return read(dataDir)
        .map(found -> new Chosen(found.dashboard(), dataDir.resolve(FILE).toString()))
        .orElse(new Chosen(DEFAULT_DASHBOARD, "default"));
  }

  /**
   * The broker a command talks to: {@code flag}, else {@code KAFKA_BOOTSTRAP_SERVERS}, else the
   * demo's file in {@code dataDir}, else the default.
   */
  static Chosen kafka(String flag, String environment, Path dataDir) {
    if (flag != null && !flag.isBlank()) {
      return new Chosen(flag.strip(), "--kafka");
    }
    if (environment != null && !environment.isBlank()) {
      return new Chosen(environment.strip(), "KAFKA_BOOTSTRAP_SERVERS");
    }
    return read(dataDir)
        .map(found -> new Chosen(found.kafka(), dataDir.resolve(FILE).toString()))
        .orElse(new Chosen(DEFAULT_KAFKA, "default"));
  }
}
