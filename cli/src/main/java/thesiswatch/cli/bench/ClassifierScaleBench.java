package thesiswatch.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import thesiswatch.broker.EmbeddedKafkaBroker;
import thesiswatch.common.Directories;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;

/**
 * Scale-out by Kafka's means: {@code count} articles on an embedded broker are tagged first by one
 * classifier and then by {@code instances} classifiers in one consumer group, each a separate JVM
 * running {@code thesiswatch classifier} as docker compose runs it (its own transactional id, the
 * group shares the partitions of {@code articles}). Each round is timed from its first committed
 * offset to its last, so JVM start-up is outside the rate; the last line compares the two.
 */
public final class ClassifierScaleBench {

  private static final Duration SAMPLE = Duration.ofMillis(200);
  private static final Duration PATIENCE = Duration.ofMinutes(30);

  private final BenchSetup setup;

  /** A benchmark of {@code setup}'s headlines and themes, reporting to its output. */
  public ClassifierScaleBench(BenchSetup setup) {
    this.setup = setup;
  }

  /** Runs both rounds over {@code count} articles; returns the ratio of their rates. */
  public double run(int count, int instances) throws Exception {
    Path work = Files.createTempDirectory("thesiswatch-bench-scale");
    double one;
    double many;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0);
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicLayout.ensure(broker.bootstrapServers(), Topics.DEFAULTS, (short) 1);
      double produceRate =
          BenchArticles.produce(broker.bootstrapServers(), setup.headlines(), count);
      setup
          .out()
          .printf(
              "broker: produced %,d articles to %d partitions at %,.0f articles/s%n",
              count, partitions(admin), produceRate);
      one = round(admin, broker.bootstrapServers(), work, count, 1);
      many = round(admin, broker.bootstrapServers(), work, count, instances);
      setup
          .out()
          .printf(
              "classifiers: 1 instance %,.0f articles/s; %d instances %,.0f articles/s together;"
                  + " ratio %.2f%n",
              one, instances, many, many / one);
    }
    // Kept when a round failed: the classifiers' logs in it say why.
    Directories.deleteTree(work);
    return many / one;
  }

  /** One round: {@code instances} child JVMs in a fresh group; returns their joint rate. */
  private double round(Admin admin, String bootstrap, Path work, int count, int instances)
      throws Exception {
    String group = "bench-classifiers-" + instances;
    List<Process> children = new ArrayList<>();
    try {
      for (int i = 0; i < instances; i++) {
        children.add(start(bootstrap, group, group + "-" + i, work.resolve(group + "-" + i)));
      }
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      long first = 0;
      long done;
      while ((done = committed(admin, group)) < count) {
        for (Process child : children) {
          if (!child.isAlive()) {
            throw new IllegalStateException(
                "a classifier exited with " + child.exitValue() + "; its log is in " + work);
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(group + " did not finish within " + PATIENCE);
        }
        if (first == 0 && done > 0) {
          first = System.nanoTime();
        }
        Thread.sleep(SAMPLE.toMillis());
      }
      long elapsedNanos = Math.max(1, System.nanoTime() - (first == 0 ? deadline : first));
      Duration cpu = Duration.ZERO;
      for (Process child : children) {
        cpu = cpu.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
      }
      double rate = count / (elapsedNanos / 1e9);
      setup
          .out()
          .printf(
              "%d classifier instance(s): %,.0f articles/s from the first commit to the last;"
                  + " %.3f ms CPU per article over all of their JVMs (start-up included)%n",
              instances, rate, cpu.toNanos() / 1e6 / count);
      return rate;
    } finally {
      for (Process child : children) {
        child.destroy();
      }
      for (Process child : children) {
        child.waitFor();
      }
    }
  }

  private Process start(String bootstrap, String group, String id, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-XX:+UseParallelGC",
            "-cp",
            System.getProperty("java.class.path"),
            "thesiswatch.cli.Main",
            "classifier");
    Map<String, String> env = builder.environment();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("THEMES_FILE", setup.themes().toString());
    env.put("CLASSIFIER_GROUP_ID", group);
    env.put("CLASSIFIER_TRANSACTIONAL_ID", id);
    // Several on one machine: no fixed ops port to collide on.
    env.put("CLASSIFIER_OPS_PORT", "0");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  private static int partitions(Admin admin) throws ExecutionException, InterruptedException {
    return admin
        .describeTopics(List.of(Topics.ARTICLES))
        .allTopicNames()
        .get()
        .get(Topics.ARTICLES)
        .partitions()
        .size();
  }

  /** Articles {@code group} has committed past, over all partitions of {@code articles}. */
  private static long committed(Admin admin, String group)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    long sum = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
      if (entry.getKey().topic().equals(Topics.ARTICLES) && entry.getValue() != null) {
        sum += entry.getValue().offset();
      }
    }
    return sum;
  }
}
