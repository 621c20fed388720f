package thesiswatch.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.classifier.kafka.DeadLetters;
import thesiswatch.common.Article;
import thesiswatch.common.DeadLetter;
import thesiswatch.common.Env;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemesFile;
import thesiswatch.common.Topics;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaBroker;
import thesiswatch.testkit.KafkaTestClients;

/** The service against a real broker: tags arrive once, garbage goes to the DLQ, themes reload. */
class ClassifierServiceIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  @TempDir Path dir;

  private ClassifierConfig config(Topics topics, Path themes, String reload) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.putAll(topics.variables());
    env.put("THEMES_FILE", themes.toString());
    env.put("CLASSIFIER_GROUP_ID", "classifier-" + topics.articles());
    env.put("CLASSIFIER_TRANSACTIONAL_ID", "classifier-test-" + topics.articles());
    env.put("CLASSIFIER_THEMES_RELOAD", reload);
    env.put("CLASSIFIER_POLL_TIMEOUT", "100ms");
    return ClassifierConfig.from(new Env(env));
  }

  @Test
  void tagsEveryArticleOnceAndSendsGarbageToTheDeadLetterTopicWithoutStalling() throws Exception {
    Topics topics = kafka.freshTopics();
    List<Fixtures.Headline> fixtures = Fixtures.headlines();
    try (KafkaProducer<String, byte[]> producer =
        KafkaTestClients.producer(kafka.bootstrapServers())) {
      // Garbage first, between and last on the same partition: good records after it must still
      // flow.
      KafkaTestClients.send(
          producer, topics.articles(), "garbage-1", "{not json".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < fixtures.size(); i++) {
        Fixtures.Headline f = fixtures.get(i);
        Fixtures.send(producer, topics.articles(), Fixtures.article(f.id(), f.title()));
        if (i == 5) {
          KafkaTestClients.send(
              producer,
              topics.articles(),
              "garbage-2",
              "{\"id\":\"x\",\"title\":\"\"}".getBytes(StandardCharsets.UTF_8));
        }
      }
      KafkaTestClients.send(producer, topics.articles(), "garbage-3", null);
    }
    ClassifierConfig config = config(topics, Fixtures.THEMES, "10s");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (ClassifierService service = new ClassifierService(config, registry)) {
      service.start();
      KafkaTestClients.awaitConsumed(kafka.bootstrapServers(), config.groupId(), topics.articles());
    }

    List<ConsumerRecord<String, byte[]>> tagged = kafka.readCommitted(topics.tagged());
    Map<String, String> themesById = new HashMap<>();
    String version = ThemesFile.versionOf(Files.readAllBytes(Fixtures.THEMES));
    for (ConsumerRecord<String, byte[]> record : tagged) {
      TaggedArticle article = Json.read(record.value(), TaggedArticle.class);
      assertThat(record.key()).isEqualTo(article.id());
      assertThat(article.themeSetVersion()).isEqualTo(version);
      String ids = article.themeIds().isEmpty() ? "-" : String.join(",", article.themeIds());
      assertThat(themesById.put(article.id(), ids)).as("duplicate " + article.id()).isNull();
    }
    Map<String, String> expected = new HashMap<>();
    fixtures.forEach(f -> expected.put(f.id(), f.expected()));
    assertThat(themesById).isEqualTo(expected);

    List<ConsumerRecord<String, byte[]>> dead = kafka.readCommitted(Topics.dlq(topics.articles()));
    assertThat(dead)
        .extracting(ConsumerRecord::key)
        .containsExactly("garbage-1", "garbage-2", "garbage-3");
    assertThat(dead)
        .extracting(r -> header(r, DeadLetters.ERROR_KIND))
        .containsExactly("invalid_json", "invalid_article", "empty");
    assertThat(dead)
        .extracting(r -> header(r, DeadLetters.SOURCE_TOPIC))
        .containsOnly(topics.articles());
    assertThat(dead)
        .extracting(r -> header(r, DeadLetters.SOURCE_OFFSET))
        .containsExactly("0", "7", "14");
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");

    assertThat(registry.counter("thesiswatch.classifier.articles").count())
        .isEqualTo(fixtures.size());
    assertThat(registry.counter("thesiswatch.classifier.dlq", "kind", "invalid_json").count())
        .isEqualTo(1);
    assertThat(registry.counter("thesiswatch.classifier.tags", "theme", "layoffs").count())
        .isEqualTo(2);
  }

  @Test
  void aValidThemesEditTakesOverAndAnInvalidOneIsRefusedWhileTheOldSetKeepsTagging()
      throws Exception {
    Topics topics = kafka.freshTopics();
    Path themes = dir.resolve("themes.yml");
    Path original = resource("/themes/two-themes.yml");
    Path renamed = resource("/themes/two-themes-renamed.yml");
    Files.copy(original, themes);
    String v1 = ThemesFile.versionOf(Files.readAllBytes(original));
    String v2 = ThemesFile.versionOf(Files.readAllBytes(renamed));
    ClassifierConfig config = config(topics, themes, "100ms");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (ClassifierService service = new ClassifierService(config, registry);
        KafkaProducer<String, byte[]> producer =
            KafkaTestClients.producer(kafka.bootstrapServers())) {
      service.start();
      assertThat(service.themeSetVersion()).isEqualTo(v1);
      Fixtures.send(producer, topics.articles(), Fixtures.article("one", "Hiring freeze at Acme"));
      KafkaTestClients.awaitConsumed(kafka.bootstrapServers(), config.groupId(), topics.articles());

      Files.writeString(themes, "themes:\n  - id: layoffs\n    colour: red\n");
      Await.until("the invalid themes file to be refused", () -> !service.themesValid());
      assertThat(service.themeSetVersion()).isEqualTo(v1);
      Fixtures.send(producer, topics.articles(), Fixtures.article("two", "Hiring freeze at Acme"));
      KafkaTestClients.awaitConsumed(kafka.bootstrapServers(), config.groupId(), topics.articles());

      Files.copy(renamed, themes, StandardCopyOption.REPLACE_EXISTING);
      Await.until("the valid themes file to take over", () -> service.themeSetVersion().equals(v2));
      assertThat(service.themesValid()).isTrue();
      Fixtures.send(
          producer, topics.articles(), Fixtures.article("three", "Hiring freeze at Acme"));
      KafkaTestClients.awaitConsumed(kafka.bootstrapServers(), config.groupId(), topics.articles());
    }
    // Keyed by article id, the tagged records spread over partitions: compare by id.
    Map<String, String> versions = new HashMap<>();
    Map<String, List<String>> themeIds = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : kafka.readCommitted(topics.tagged())) {
      TaggedArticle article = Json.read(record.value(), TaggedArticle.class);
      versions.put(article.id(), article.themeSetVersion());
      themeIds.put(article.id(), article.themeIds());
    }
    assertThat(versions).isEqualTo(Map.of("one", v1, "two", v1, "three", v2));
    assertThat(themeIds)
        .isEqualTo(Map.of("one", List.of(), "two", List.of(), "three", List.of("layoffs")));
    assertThat(
            registry.counter("thesiswatch.classifier.theme.reloads", "result", "refused").count())
        .isEqualTo(1);
    assertThat(
            registry.counter("thesiswatch.classifier.theme.reloads", "result", "accepted").count())
        .isEqualTo(1);
  }

  @Test
  void aNewInstanceWithTheSameIdFencesTheOldOneAndNothingIsCountedTwice() throws Exception {
    Topics topics = kafka.freshTopics();
    ClassifierConfig config = config(topics, Fixtures.THEMES, "10s");
    try (KafkaProducer<String, byte[]> producer =
            KafkaTestClients.producer(kafka.bootstrapServers());
        ClassifierService zombie = new ClassifierService(config, new SimpleMeterRegistry())) {
      zombie.start();
      Fixtures.send(producer, topics.articles(), Fixtures.article("before", "某公司宣布裁员"));
      KafkaTestClients.awaitConsumed(kafka.bootstrapServers(), config.groupId(), topics.articles());
      try (ClassifierService successor = new ClassifierService(config, new SimpleMeterRegistry())) {
        successor.start();
        Await.until("the old instance to be fenced", () -> zombie.failure().isPresent());
        Fixtures.send(
            producer, topics.articles(), Fixtures.article("after", "Acme to cut 300 jobs"));
        KafkaTestClients.awaitConsumed(
            kafka.bootstrapServers(), config.groupId(), topics.articles());
        assertThat(successor.failure()).isEmpty();
      }
    }
    List<String> ids =
        kafka.readCommitted(topics.tagged()).stream().map(ConsumerRecord::key).toList();
    assertThat(ids).containsExactlyInAnyOrder("before", "after");
  }

  @Test
  void reclassifyRepublishesEveryArticleThroughTheCurrentThemes() throws Exception {
    Topics topics = kafka.freshTopics();
    Path themes = dir.resolve("themes.yml");
    Files.copy(resource("/themes/two-themes-renamed.yml"), themes);
    try (KafkaProducer<String, byte[]> producer =
        KafkaTestClients.producer(kafka.bootstrapServers())) {
      Fixtures.send(producer, topics.articles(), Fixtures.article("one", "Hiring freeze at Acme"));
      KafkaTestClients.send(
          producer, topics.articles(), "bad", "nope".getBytes(StandardCharsets.UTF_8));
      Fixtures.send(producer, topics.articles(), Fixtures.article("two", "某公司宣布裁员"));
    }
    long republished = Reclassify.run(config(topics, themes, "10s"));
    assertThat(republished).isEqualTo(2);
    List<TaggedArticle> tagged =
        kafka.readCommitted(topics.tagged()).stream()
            .map(r -> Json.read(r.value(), TaggedArticle.class))
            .toList();
    assertThat(tagged).extracting(TaggedArticle::id).containsExactlyInAnyOrder("one", "two");
    assertThat(tagged).extracting(TaggedArticle::themeIds).containsOnly(List.of("layoffs"));
  }

  @Test
  void aRecordKafkaRefusesGoesToTheDeadLetterTopicAloneAndEveryPartitionKeepsFlowingExactlyOnce()
      throws Exception {
    Topics topics = kafka.freshTopics();
    // The tagged topic takes records of at most 20 KB (above the producer's batch size, under which
    // the producer splits batches for ever, KAFKA-8350): a tagged article with a summary of 10,000
    // Chinese characters (30 KB) is refused, whatever transaction holds it.
    kafka.limitRecordSize(topics.tagged(), 20_000);
    Article tooLarge =
        new Article(
            Article.SCHEMA_VERSION,
            "too-large",
            null,
            "Acme to cut 300 jobs",
            "https://news.example/too-large",
            "字".repeat(10_000),
            Instant.parse("2025-01-15T08:00:00Z"),
            Instant.parse("2025-01-15T08:00:00Z"),
            null,
            "https://news.example/feed.xml",
            "Example News",
            List.of());
    // A 900 KB title: the tagged record is bounded by construction, so it is tagged, not refused.
    Article hugeTitle =
        Fixtures.article("huge-title", "Tech firm lays off 300 workers " + "y".repeat(900_000));
    ClassifierConfig config = config(topics, Fixtures.THEMES, "10s");
    List<String> expected = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        KafkaTestClients.producer(kafka.bootstrapServers())) {
      for (int p = 0; p < 3; p++) {
        for (int i = 0; i < 4; i++) {
          String id = "p" + p + "-" + i;
          send(
              producer,
              topics.articles(),
              p,
              id,
              Json.bytes(Fixtures.article(id, "Headline " + id)));
          expected.add(id);
        }
      }
      send(producer, topics.articles(), 1, tooLarge.id(), Json.bytes(tooLarge));
      send(producer, topics.articles(), 1, "tombstone", null);
      send(producer, topics.articles(), 1, "empty", new byte[0]);
      send(producer, topics.articles(), 2, hugeTitle.id(), Json.bytes(hugeTitle));
      expected.add(hugeTitle.id());
      for (int p = 0; p < 3; p++) {
        String id = "after-" + p;
        send(
            producer, topics.articles(), p, id, Json.bytes(Fixtures.article(id, "Headline " + id)));
        expected.add(id);
      }
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (ClassifierService service = new ClassifierService(config, registry)) {
      service.start();
      KafkaTestClients.awaitConsumed(kafka.bootstrapServers(), config.groupId(), topics.articles());
      assertThat(service.failure()).isEmpty();
    }
    // A restarted instance reads on from the committed offsets: nothing again, the rest once.
    try (KafkaProducer<String, byte[]> producer =
            KafkaTestClients.producer(kafka.bootstrapServers());
        ClassifierService service = new ClassifierService(config, new SimpleMeterRegistry())) {
      service.start();
      for (int p = 0; p < 3; p++) {
        String id = "restart-" + p;
        send(
            producer, topics.articles(), p, id, Json.bytes(Fixtures.article(id, "Headline " + id)));
        expected.add(id);
      }
      KafkaTestClients.awaitConsumed(kafka.bootstrapServers(), config.groupId(), topics.articles());
    }

    List<String> tagged =
        kafka.readCommitted(topics.tagged()).stream().map(ConsumerRecord::key).toList();
    assertThat(tagged).containsExactlyInAnyOrderElementsOf(expected);
    TaggedArticle huge =
        kafka.readCommitted(topics.tagged()).stream()
            .map(r -> Json.read(r.value(), TaggedArticle.class))
            .filter(a -> a.id().equals("huge-title"))
            .findFirst()
            .orElseThrow();
    assertThat(huge.title()).hasSize(1_000);
    assertThat(huge.themeIds()).containsExactly("layoffs");
    List<ConsumerRecord<String, byte[]>> dead = kafka.readCommitted(Topics.dlq(topics.articles()));
    assertThat(dead)
        .extracting(ConsumerRecord::key)
        .containsExactly("too-large", "tombstone", "empty");
    assertThat(dead)
        .extracting(r -> header(r, DeadLetters.ERROR_KIND))
        .containsExactly("too_large", "empty", "empty");
    assertThat(dead).extracting(r -> header(r, DeadLetters.SOURCE_PARTITION)).containsOnly("1");
    assertThat(dead.get(0).value()).isEqualTo(Json.bytes(tooLarge));
    assertThat(registry.counter("thesiswatch.classifier.dlq", "kind", "too_large").count())
        .isEqualTo(1);
  }

  @Test
  void aGarbageRecordWhoseKeyAloneIsTooLargeForTheDeadLetterTopicIsLetteredWithItsKeyCut()
      throws Exception {
    Topics topics = kafka.freshTopics();
    // The dead-letter topic takes less than the source: a 25 KB key fits articles, and no dead
    // letter that keeps it fits articles.dlq, with or without the value.
    kafka.limitRecordSize(Topics.dlq(topics.articles()), 20_000);
    String hugeKey = "k".repeat(25_000);
    ClassifierConfig config = config(topics, Fixtures.THEMES, "10s");
    try (KafkaProducer<String, byte[]> producer =
        KafkaTestClients.producer(kafka.bootstrapServers())) {
      send(producer, topics.articles(), 0, hugeKey, "{garbage".getBytes(StandardCharsets.UTF_8));
      send(
          producer,
          topics.articles(),
          0,
          "after",
          Json.bytes(Fixtures.article("after", "Headline after")));
    }
    try (ClassifierService service = new ClassifierService(config, new SimpleMeterRegistry())) {
      service.start();
      KafkaTestClients.awaitConsumed(kafka.bootstrapServers(), config.groupId(), topics.articles());
      assertThat(service.failure()).isEmpty();
    }
    assertThat(kafka.readCommitted(topics.tagged()))
        .extracting(ConsumerRecord::key)
        .containsExactly("after");
    List<ConsumerRecord<String, byte[]>> dead = kafka.readCommitted(Topics.dlq(topics.articles()));
    assertThat(dead).hasSize(1);
    ConsumerRecord<String, byte[]> letter = dead.get(0);
    assertThat(letter.value()).isNull();
    assertThat(letter.key()).startsWith("kkk").hasSizeLessThan(2_000);
    assertThat(header(letter, DeadLetter.DROPPED_KEY_CHARS)).isEqualTo("25000");
    assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
  }

  @Test
  void aHotReloadedThemesFileOfThirtyThousandNestedParenthesesIsRefusedAndTaggingGoesOn()
      throws Exception {
    Topics topics = kafka.freshTopics();
    Path themes = dir.resolve("themes.yml");
    Files.copy(resource("/themes/two-themes.yml"), themes);
    String v1 = ThemesFile.versionOf(Files.readAllBytes(themes));
    ClassifierConfig config = config(topics, themes, "100ms");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (ClassifierService service = new ClassifierService(config, registry);
        KafkaProducer<String, byte[]> producer =
            KafkaTestClients.producer(kafka.bootstrapServers())) {
      service.start();
      Await.until("ready", service::ready);
      String deep = "(".repeat(30_000) + "layoffs" + ")".repeat(30_000);
      Files.writeString(
          themes,
          Files.readString(themes).replace("layoffs OR \"job cuts\"", deep),
          StandardCharsets.UTF_8);
      Await.until("the deep themes file refused", () -> !service.themesValid());
      assertThat(registry.get("thesiswatch.classifier.themes.valid").gauge().value()).isZero();
      assertThat(service.ready()).isFalse();
      assertThat(service.themeSetVersion()).isEqualTo(v1);
      // The tagging thread is alive and tags with the previous themes.
      Fixtures.send(producer, topics.articles(), Fixtures.article("one", "某公司宣布裁员"));
      KafkaTestClients.awaitConsumed(kafka.bootstrapServers(), config.groupId(), topics.articles());
      assertThat(service.failure()).isEmpty();
    }
    TaggedArticle one =
        Json.read(kafka.readCommitted(topics.tagged()).get(0).value(), TaggedArticle.class);
    assertThat(one.themeSetVersion()).isEqualTo(v1);
    assertThat(one.themeIds()).containsExactly("layoffs");
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, String topic, int partition, String key, byte[] value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static Path resource(String name) {
    return Fixtures.resource(name);
  }
}
