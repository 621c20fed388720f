package thesiswatch.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.IntUnaryOperator;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.PortInUseException;

/**
 * A single-node Kafka cluster (broker and KRaft controller in one process) whose data lives under a
 * directory of ours. The storage is formatted on first start and reused afterwards, so topics,
 * offsets and transactions survive a restart exactly as with a standalone broker.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of("data/kafka"), 9092)) {
 *   String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String HOST = "127.0.0.1";
  private static final String CLUSTER_ID_FILE = "cluster.id";

  /** Pairs of ports tried before a start is given up. */
  static final int START_ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final int port;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts a broker on {@code port} (0 picks a free one) with its data under {@code dataDir}.
   *
   * @throws PortInUseException when {@code port} is taken
   * @throws BrokerStartException when Kafka refuses to start, on every one of {@value
   *     #START_ATTEMPTS} pairs of ports
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port) {
    return start(dataDir, port, EmbeddedKafkaBroker::freePort);
  }

  /**
   * {@link #start(Path, int)} with the controller's port (and the client port when {@code port} is
   * 0) chosen by {@code freePorts}: given a port to avoid, a port free a moment ago. Between that
   * moment and Kafka's bind another process may take it (an outgoing connection's ephemeral port is
   * enough), so a start that fails is tried again on new ports.
   */
  static EmbeddedKafkaBroker start(Path dataDir, int port, IntUnaryOperator freePorts) {
    Path logDir = dataDir.resolve("kafka-logs").toAbsolutePath();
    String clusterId;
    try {
      Files.createDirectories(logDir);
      clusterId = clusterId(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka data directory " + logDir, e);
    }
    format(logDir, clusterId);
    for (int attempt = 1; ; attempt++) {
      int brokerPort = port == 0 ? freePorts.applyAsInt(-1) : requireFree(port);
      int controllerPort = freePorts.applyAsInt(brokerPort);
      try {
        KafkaRaftServer server = startServer(serverProperties(logDir, brokerPort, controllerPort));
        LOG.info("Kafka broker (KRaft) started on {}:{} with data in {}", HOST, brokerPort, logDir);
        return new EmbeddedKafkaBroker(server, brokerPort);
      } catch (BrokerStartException e) {
        if (attempt == START_ATTEMPTS) {
          throw e;
        }
        LOG.warn(
            "Kafka did not start on ports {} and {} (attempt {} of {}: {}); trying other ports",
            brokerPort,
            controllerPort,
            attempt,
            START_ATTEMPTS,
            e.getMessage());
      }
    }
  }

  /**
   * Starts one server. Kafka halts the JVM on a fatal fault, and a listener that cannot bind its
   * port is one: while starting, that would take the whole process (the demo, a test JVM) down for
   * a port someone else took. So for the start only, Kafka's halt and exit throw instead, and a
   * server that did not start is shut down; once started, Kafka's own fault handling applies.
   * Synchronized because Kafka's exit procedures are global.
   */
  private static synchronized KafkaRaftServer startServer(Properties props) {
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
    Exit.Procedure refuse =
        (status, message) -> {
          throw new BrokerStartException(
              "Kafka's fault handler asked to stop the process (status "
                  + status
                  + (message == null ? "" : ", " + message)
                  + "); its cause is logged above");
        };
    Exit.setHaltProcedure(refuse);
    Exit.setExitProcedure(refuse);
    try {
      server.startup();
      return server;
    } catch (RuntimeException e) {
      try {
        server.shutdown();
        server.awaitShutdown();
      } catch (RuntimeException shutdownFailed) {
        e.addSuppressed(shutdownFailed);
      }
      throw e instanceof BrokerStartException refused ? refused : new BrokerStartException(e);
    } finally {
      Exit.resetHaltProcedure();
      Exit.resetExitProcedure();
    }
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The client port. */
  public int port() {
    return port;
  }

  /** Stops the broker and waits until it has flushed and released its data directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Kafka broker on port {} stopped", port);
  }

  private static Properties serverProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("metadata.log.dir", logDir.toString());
    // One node: every internal topic has exactly one replica, or transactions never start.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("min.insync.replicas", "1");
    // Topics are created explicitly with their retention (TopicLayout); a typo must not create one.
    props.put("auto.create.topics.enable", "false");
    // Consumers of a one-node cluster have nobody to wait for.
    props.put("group.initial.rebalance.delay.ms", "0");
    return props;
  }

  private static void format(Path logDir, String clusterId) {
    try {
      new Formatter()
          .setPrintStream(
              new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
          .setNodeId(NODE_ID)
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          // Feature.values() includes test-only features the formatter refuses.
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setControllerListenerName(CONTROLLER_LISTENER)
          // A restart finds the storage formatted already; that is expected, not an error.
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
    }
  }

  private static String clusterId(Path dataDir) throws IOException {
    Path file = dataDir.resolve(CLUSTER_ID_FILE);
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    String id = Uuid.randomUuid().toString();
    Files.writeString(file, id, StandardCharsets.UTF_8);
    return id;
  }

  /**
   * A free port other than {@code taken}: the kernel may hand out a port just released again, and a
   * broker whose two listeners share a port refuses to start.
   */
  private static int freePort(int taken) {
    for (int attempt = 0; attempt < 10; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
        socket.setReuseAddress(true);
        if (socket.getLocalPort() != taken) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free port", e);
      }
    }
    throw new IllegalStateException("cannot find a free port other than " + taken);
  }

  private static int requireFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(HOST, port));
      return port;
    } catch (IOException e) {
      throw new PortInUseException(port, "Kafka");
    }
  }
}
