package thesiswatch.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;

/** Test fixtures (files under {@code src/test/resources/fixtures}) and small helpers shared by the tests. */
public final class Fixtures {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Fixtures() {}

  /** The tagged articles in fixture file {@code name} (one JSON object per line). */
  public static List<TaggedArticle> tagged(String name) {
    return lines(name).stream().map(line -> Json.read(line, TaggedArticle.class)).toList();
  }

  /** The non-blank lines of fixture file {@code name}. */
  public static List<String> lines(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the fixture themes file into {@code dir} and returns its path. */
  public static Path themesFile(Path dir) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/themes.yml")) {
      Path file = dir.resolve("themes.yml");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates {@code taggedTopic} (3 partitions, as the pipeline's) so that each test reads its own
   * topic from a shared broker; the other topics keep their default names.
   */
  public static void createTopics(String bootstrapServers, String taggedTopic) {
    TopicLayout.ensure(bootstrapServers,
        new Topics(Topics.ARTICLES, taggedTopic, Topics.FEED_STATE, Topics.ALERTS), (short) 1);
  }

  /** Publishes {@code articles} to {@code topic}, keyed by id, and waits until the broker has them. */
  public static void produce(String bootstrapServers, String topic, List<TaggedArticle> articles) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      for (TaggedArticle article : articles) {
        producer.send(new ProducerRecord<>(topic, article.id(), Json.bytes(article)));
      }
      producer.flush();
    }
  }

  /** Every record in {@code topic} (read_committed, from the beginning to the current end). */
  public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      await("the records of " + topic, () -> {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
      });
      return records;
    }
  }

  /** A response: status, headers and body. */
  public record Response(int status, HttpResponse<String> raw) {
    /** The body parsed as JSON. */
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(raw.body());
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + raw.body(), e);
      }
    }

    /** The body as text. */
    public String body() {
      return raw.body();
    }

    /** A header's first value, or null. */
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  /** GETs {@code pathAndQuery} from the dashboard on {@code port}. */
  public static Response get(int port, String pathAndQuery) {
    try {
      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until {@code condition} holds, polling; fails after a generous deadline. The deadline is
   * a hang guard, not a speed assertion.
   */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
