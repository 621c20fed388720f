package thesiswatch.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;

/**
 * The broker integration tests run against: Testcontainers' Kafka (the official
 * {@code apache/kafka} image) when a Docker engine is available, otherwise the embedded KRaft
 * broker. Which one ran is printed, so a test log always says what it tested.
 */
public final class TestKafka implements AutoCloseable {

  /** The official image, at the version of the Kafka jars the project builds against. */
  public static final String IMAGE = "apache/kafka:4.1.1";

  private final AutoCloseable broker;
  private final String bootstrapServers;
  private final String description;
  private final Path dataDir;

  private TestKafka(AutoCloseable broker, String bootstrapServers, String description, Path dataDir) {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
    this.description = description;
    this.dataDir = dataDir;
  }

  /** Starts a fresh broker with the pipeline's topics created. */
  public static TestKafka start() {
    TestKafka kafka = dockerAvailable() ? container() : embedded();
    System.out.println("[thesiswatch test] broker: " + kafka.description);
    TopicLayout.ensure(kafka.bootstrapServers, Topics.DEFAULTS, (short) 1);
    return kafka;
  }

  private static TestKafka container() {
    KafkaContainer container = new KafkaContainer(IMAGE);
    container.start();
    return new TestKafka(
        container::stop,
        container.getBootstrapServers(),
        "Testcontainers " + IMAGE + " at " + container.getBootstrapServers(),
        null);
  }

  private static TestKafka embedded() {
    try {
      Path dir = Files.createTempDirectory("thesiswatch-kafka");
      EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
      return new TestKafka(
          broker,
          broker.bootstrapServers(),
          "embedded KRaft broker (Kafka jars in the JVM) at " + broker.bootstrapServers()
              + " — no Docker engine, so Testcontainers' " + IMAGE + " was skipped",
          dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** {@code host:port} of the broker. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Which broker this is, in words. */
  public String description() {
    return description;
  }

  @Override
  public void close() throws Exception {
    broker.close();
    if (dataDir != null) {
      try (Stream<Path> paths = Files.walk(dataDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
