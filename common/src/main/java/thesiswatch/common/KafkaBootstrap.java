package thesiswatch.common;

/**
 * Where every service finds Kafka: {@code KAFKA_BOOTSTRAP_SERVERS}, default {@code localhost:9092}.
 */
public final class KafkaBootstrap {

  /** The variable naming the bootstrap servers. */
  public static final String VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";

  /** The demo's and docker compose's broker seen from the host. */
  public static final String DEFAULT = "localhost:9092";

  private KafkaBootstrap() {}

  /** The bootstrap servers from {@code env}. */
  public static String from(Env env) {
    return env.string(VARIABLE, DEFAULT);
  }
}
