package thesiswatch.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import thesiswatch.common.Article;
import thesiswatch.common.ArticleIds;
import thesiswatch.common.Json;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;

/**
 * The benchmarks' input: {@code count} articles made from template headlines (their titles,
 * summaries and languages, each repeated under a distinct link, one a minute from 2025-01-06),
 * produced straight to {@code articles}.
 */
final class BenchArticles {

  /** The scratch topic of the broker's produce rate, which no service reads. */
  static final String PRODUCE_TOPIC = "bench.produce";

  private static final Instant FIRST = Instant.parse("2025-01-06T00:00:00Z");

  private BenchArticles() {}

  /** Produces the articles to {@code articles}; returns the producer's rate in articles/s. */
  static double produce(String bootstrapServers, List<Article> templates, int count) {
    return produce(bootstrapServers, Topics.ARTICLES, templates, count);
  }

  /**
   * Produces the articles to {@code topic} (a scratch topic when only the broker's rate is wanted);
   * returns the producer's rate in articles per second.
   */
  static double produce(String bootstrapServers, String topic, List<Article> templates, int count) {
    Instant producing = Instant.now();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG,
                10),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        Article template = templates.get(i % templates.size());
        String link = "https://bench.example/" + i;
        Article article =
            new Article(
                Article.SCHEMA_VERSION,
                ArticleIds.idFor(link, null, template.title(), null),
                null,
                template.title(),
                link,
                template.summary(),
                FIRST.plusSeconds(60L * i),
                Instant.now(),
                template.lang(),
                "https://bench.example/feed",
                "Bench",
                List.of());
        producer.send(new ProducerRecord<>(topic, article.id(), Json.bytes(article)));
      }
    }
    return count * 1000.0 / Math.max(1, Duration.between(producing, Instant.now()).toMillis());
  }

  /**
   * The broker's produce rate for {@code count} articles of the setup's headlines, on {@link
   * #PRODUCE_TOPIC} with as many partitions as {@code articles}: what a benchmark whose input does
   * not come straight from a producer compares its end-to-end rate with. Measured before anything
   * else runs, so the services' work does not slow it; reported to {@code setup}'s output.
   */
  static double produceRate(String bootstrapServers, BenchSetup setup, int count)
      throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(
              List.of(new NewTopic(PRODUCE_TOPIC, TopicLayout.ARTICLE_PARTITIONS, (short) 1)))
          .all()
          .get();
    }
    double rate = produce(bootstrapServers, PRODUCE_TOPIC, setup.headlines(), count);
    setup
        .out()
        .printf(
            "broker: produced %,d articles to a scratch topic at %,.0f articles/s%n", count, rate);
    return rate;
  }
}
