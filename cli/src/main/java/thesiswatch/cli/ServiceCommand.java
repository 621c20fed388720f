package thesiswatch.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.ClassifierService;
import thesiswatch.cli.ops.OpsEndpoint;
import thesiswatch.cli.ops.ServiceMetrics;
import thesiswatch.common.Env;
import thesiswatch.common.Service;
import thesiswatch.dashboard.DashboardConfig;
import thesiswatch.dashboard.DashboardService;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.IngestService;

/**
 * Runs one service in the foreground, configured by environment variables, until SIGTERM or Ctrl-C
 * — what each docker compose container runs, and the only entry point of each service. Ingest and
 * the classifier get a small ops endpoint ({@code /health}, {@code /ready}, {@code /metrics}); the
 * dashboard serves its own.
 *
 * <p>Exit status: {@link Service#EXIT_STOPPED} after a signal, {@link Service#EXIT_FAILED} after a
 * fatal error (so that the orchestrator restarts the service), {@link Service#EXIT_CANNOT_START}
 * when it cannot start (bad settings, a taken port, a locked directory — one line on stderr, by
 * {@link Main}'s handler).
 *
 * @param <C> the service's own settings
 */
abstract class ServiceCommand<C> implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceCommand.class);

  @Spec CommandSpec spec;

  /** Environment with the seed files resolved against the home directory when not set. */
  static Env environment() {
    return environment(new HashMap<>(System.getenv()));
  }

  /** {@code variables} with the seed files resolved against the home directory when not set. */
  static Env environment(Map<String, String> environment) {
    Map<String, String> variables = new HashMap<>(environment);
    variables.putIfAbsent("THEMES_FILE", Home.seedFile("THEMES_FILE", "themes.yml"));
    variables.putIfAbsent("FEEDS_FILE", Home.seedFile("FEEDS_FILE", "feeds.opml"));
    return new Env(variables);
  }

  /**
   * Everything the command reads from the environment, validated.
   *
   * @param config the service's own settings
   * @param opsPort the port of the ops endpoint this command adds, or empty when the service serves
   *     its own
   */
  record Settings<C>(C config, OptionalInt opsPort) {}

  /**
   * Reads and validates every setting the service has; a bad one fails here, before anything
   * starts.
   */
  abstract Settings<C> configure(Env env);

  /** The service for {@code config}, not started. */
  abstract Service create(C config, PrometheusMeterRegistry registry);

  /** Where the started service answers, for the start-up line. */
  String address(Service service, OpsEndpoint ops) {
    return "health and metrics on http://localhost:" + ops.port();
  }

  @Override
  public Integer call() throws Exception {
    Settings<C> settings = configure(environment());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServiceMetrics.bindTo(registry);
    Service service = create(settings.config(), registry);
    OpsEndpoint ops =
        settings.opsPort().isPresent()
            ? OpsEndpoint.start(settings.opsPort().getAsInt(), registry, service::ready)
            : null;
    AtomicBoolean terminating = new AtomicBoolean();
    Runnable stop =
        () -> {
          service.close();
          if (ops != null) {
            ops.close();
          }
        };
    try {
      service.start();
    } catch (RuntimeException e) {
      stop.run();
      throw e;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  terminating.set(true);
                  stop.run();
                },
                spec.name() + "-shutdown"));
    LOG.info("{} started; {}", spec.name(), address(service, ops));
    service.awaitStopped();
    Optional<Throwable> failure = service.failure();
    if (failure.isPresent() && !terminating.get()) {
      LOG.error(
          "{} stopped on a fatal error; exiting so that it is restarted",
          spec.name(),
          failure.get());
      stop.run();
      return Service.EXIT_FAILED;
    }
    return Service.EXIT_STOPPED;
  }

  /** {@code thesiswatch ingest}. */
  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description = "Run the ingest service (feeds → Kafka topic articles).")
  static final class Ingest extends ServiceCommand<IngestConfig> {
    @Override
    Settings<IngestConfig> configure(Env env) {
      return new Settings<>(
          IngestConfig.from(env),
          OptionalInt.of(OpsEndpoint.port(env, "INGEST_OPS_PORT", OpsEndpoint.INGEST_PORT)));
    }

    @Override
    Service create(IngestConfig config, PrometheusMeterRegistry registry) {
      return new IngestService(config, registry);
    }
  }

  /** {@code thesiswatch classifier}. */
  @Command(
      name = "classifier",
      mixinStandardHelpOptions = true,
      description = "Run the classifier (articles → themes → articles.tagged).")
  static final class Classifier extends ServiceCommand<ClassifierConfig> {
    @Override
    Settings<ClassifierConfig> configure(Env env) {
      return new Settings<>(
          ClassifierConfig.from(env),
          OptionalInt.of(
              OpsEndpoint.port(env, "CLASSIFIER_OPS_PORT", OpsEndpoint.CLASSIFIER_PORT)));
    }

    @Override
    Service create(ClassifierConfig config, PrometheusMeterRegistry registry) {
      return new ClassifierService(config, registry);
    }
  }

  /** {@code thesiswatch dashboard}. */
  @Command(
      name = "dashboard",
      mixinStandardHelpOptions = true,
      description = "Run the dashboard (articles.tagged → Lucene → HTTP).")
  static final class Dashboard extends ServiceCommand<DashboardConfig> {
    @Override
    Settings<DashboardConfig> configure(Env env) {
      return new Settings<>(DashboardConfig.from(env), OptionalInt.empty());
    }

    @Override
    Service create(DashboardConfig config, PrometheusMeterRegistry registry) {
      return new DashboardService(config, registry);
    }

    @Override
    String address(Service service, OpsEndpoint ops) {
      return "dashboard on http://localhost:" + ((DashboardService) service).port() + "/";
    }
  }
}
