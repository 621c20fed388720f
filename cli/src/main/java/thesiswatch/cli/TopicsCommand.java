package thesiswatch.cli;

import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import thesiswatch.common.Env;
import thesiswatch.common.KafkaBootstrap;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;

/** {@code thesiswatch topics}: create the pipeline's topics (docker compose runs it once). */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description =
        "Create the pipeline's Kafka topics that are missing, with their partitions, retention and"
            + " compaction.")
final class TopicsCommand implements Callable<Integer> {

  /** Variable for the replication factor of new topics. */
  static final String REPLICATION_VARIABLE = "TOPIC_REPLICATION_FACTOR";

  /** One broker: one replica. */
  static final int DEFAULT_REPLICATION = 1;

  @Spec CommandSpec spec;

  /** What the command reads from the environment. */
  record Settings(String bootstrapServers, Topics topics, short replication) {}

  static Settings configure(Env env) {
    return new Settings(
        KafkaBootstrap.from(env),
        Topics.from(env),
        (short) env.integer(REPLICATION_VARIABLE, DEFAULT_REPLICATION, 1, 32));
  }

  @Override
  public Integer call() {
    Settings settings = configure(ServiceCommand.environment());
    Set<String> created =
        TopicLayout.ensure(settings.bootstrapServers(), settings.topics(), settings.replication());
    spec.commandLine()
        .getOut()
        .println(created.isEmpty() ? "all topics exist" : "created topics " + created);
    return 0;
  }
}
