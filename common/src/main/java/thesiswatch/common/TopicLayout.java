package thesiswatch.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The pipeline's topics with their partitions and retention, created when missing. Every topic
 * keeps its records for ever (or compacts them) because Kafka is the log of record: the dashboard
 * index, trend counts and alert state are rebuilt by replaying these topics.
 */
public final class TopicLayout {

  /** Partitions of the article topics: enough for three classifier instances to share the work. */
  public static final int ARTICLE_PARTITIONS = 3;

  private TopicLayout() {}

  /** The topics of {@code topics}, each with its partitions, replication and cleanup policy. */
  public static List<NewTopic> newTopics(Topics topics, short replicationFactor) {
    Map<String, String> keepForever =
        Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1");
    Map<String, String> compacted =
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    List<NewTopic> result = new ArrayList<>();
    for (String name : List.of(topics.articles(), topics.tagged())) {
      result.add(new NewTopic(name, ARTICLE_PARTITIONS, replicationFactor).configs(keepForever));
      result.add(new NewTopic(Topics.dlq(name), 1, replicationFactor).configs(keepForever));
    }
    result.add(new NewTopic(topics.feedState(), 1, replicationFactor).configs(compacted));
    // One record per backfilled feed or file, the latest kept: where a resumed backfill goes on.
    result.add(new NewTopic(topics.backfillState(), 1, replicationFactor).configs(compacted));
    result.add(new NewTopic(topics.alerts(), 1, replicationFactor).configs(keepForever));
    // Append-only: a re-computation is a new record beside the old, so the track record keeps both.
    result.add(new NewTopic(topics.claimVerdicts(), 1, replicationFactor).configs(keepForever));
    return result;
  }

  /**
   * Creates whichever of the pipeline's topics are missing; existing topics are left as they are.
   * Returns once every partition of the created topics is served by its leader: a topic is
   * announced in the metadata before its leader takes it on, and a producer writing in that gap
   * gets {@code NOT_LEADER_OR_FOLLOWER}. An idempotent producer can then lose its first batch to
   * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} (seen on a loaded machine: later batches were accepted
   * first, and the first was retried until its delivery timeout).
   *
   * @throws IllegalStateException when the broker cannot be reached or refuses, naming the cause
   */
  public static Set<String> ensure(
      String bootstrapServers, Topics topics, short replicationFactor) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          newTopics(topics, replicationFactor).stream()
              .filter(topic -> !existing.contains(topic.name()))
              .toList();
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // Another service created it between our listing and our request.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      awaitLeaders(admin, missing);
      return missing.stream().map(NewTopic::name).collect(Collectors.toSet());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot create topics on Kafka at " + bootstrapServers + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Waits until the leader of every partition of {@code created} answers for it. The end-offset
   * lookup goes to the partition's leader, which refuses it exactly as it would a write until it
   * leads the partition; the admin client retries that refusal within its timeout. Right after
   * creation the admin client's own metadata may not know the topic yet and fails the lookup with
   * {@code UnknownTopicOrPartitionException} at once (seen on a loaded machine): that is asked
   * again until the deadline.
   */
  private static void awaitLeaders(Admin admin, List<NewTopic> created)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    for (NewTopic topic : created) {
      for (int partition = 0; partition < topic.numPartitions(); partition++) {
        partitions.put(new TopicPartition(topic.name(), partition), OffsetSpec.latest());
      }
    }
    if (partitions.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
