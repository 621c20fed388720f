package thesiswatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --kafka} and {@code --data} options of the commands that write to a broker ({@code
 * reclassify}, {@code backfill}), and the one rule that picks the broker from them.
 */
final class BrokerOptions {

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT",
      description =
          "Kafka brokers (default: KAFKA_BOOTSTRAP_SERVERS, else the broker a demo wrote into"
              + " --data, else "
              + Addresses.DEFAULT_KAFKA
              + ").")
  String kafka;

  @Option(
      names = "--data",
      defaultValue = "data",
      paramLabel = "DIR",
      description = "A demo's data directory, to find its broker (default ./${DEFAULT-VALUE}).")
  Path data;

  /**
   * The broker: {@code --kafka}, else {@code fromEnvironment} (the value of {@code
   * KAFKA_BOOTSTRAP_SERVERS}, or null), else the one a demo wrote into {@code --data}, else the
   * default.
   */
  Addresses.Chosen broker(String fromEnvironment) {
    return Addresses.kafka(kafka, fromEnvironment, data);
  }
}
