package thesiswatch.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import thesiswatch.cli.ops.JvmMetrics;
import thesiswatch.cli.ops.OpsEndpoint;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.ClassifierService;
import thesiswatch.common.Env;
import thesiswatch.dashboard.DashboardConfig;
import thesiswatch.dashboard.DashboardService;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.IngestService;

/**
 * Runs one service in the foreground, configured by environment variables, until SIGTERM or
 * Ctrl-C — what each docker compose container runs. Ingest and the classifier get a small ops
 * endpoint ({@code /health}, {@code /ready}, {@code /metrics}); the dashboard serves its own.
 *
 * @param <C> everything the service reads from the environment, validated
 */
abstract class ServiceCommand<C> implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceCommand.class);

  /** Environment with the seed files resolved against the home directory when not set. */
  static Env environment() {
    Map<String, String> variables = new HashMap<>(System.getenv());
    variables.putIfAbsent("THEMES_FILE", Home.seedFile("THEMES_FILE", "themes.yml"));
    variables.putIfAbsent("FEEDS_FILE", Home.seedFile("FEEDS_FILE", "feeds.opml"));
    return new Env(variables);
  }

  /** Reads and validates every setting the service has; a bad one fails here, before anything starts. */
  abstract C configure(Env env);

  /** Starts the service and returns it, ready to close. */
  abstract AutoCloseable start(C config, PrometheusMeterRegistry registry);

  @Override
  public Integer call() throws Exception {
    C config = configure(environment());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmMetrics.bindTo(registry);
    AutoCloseable service = start(config, registry);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    LOG.error("error while stopping", e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "shutdown"));
    stopped.await();
    return 0;
  }

  /** A headless service's config and the port of its ops endpoint. */
  record Headless<T>(T config, int opsPort) {}

  /** {@code thesiswatch ingest}. */
  @Command(name = "ingest", description = "Run the ingest service (feeds → Kafka topic articles).")
  static final class Ingest extends ServiceCommand<Headless<IngestConfig>> {
    @Override
    Headless<IngestConfig> configure(Env env) {
      return new Headless<>(IngestConfig.from(env), OpsEndpoint.port(env, "INGEST_OPS_PORT", OpsEndpoint.INGEST_PORT));
    }

    @Override
    AutoCloseable start(Headless<IngestConfig> settings, PrometheusMeterRegistry registry) {
      IngestService service = new IngestService(settings.config(), registry);
      OpsEndpoint ops = OpsEndpoint.start(settings.opsPort(), registry, () -> true);
      service.start();
      return () -> closeBoth(service, ops);
    }
  }

  /** {@code thesiswatch classifier}. */
  @Command(name = "classifier", description = "Run the classifier (articles → themes → articles.tagged).")
  static final class Classifier extends ServiceCommand<Headless<ClassifierConfig>> {
    @Override
    Headless<ClassifierConfig> configure(Env env) {
      return new Headless<>(ClassifierConfig.from(env), OpsEndpoint.port(env, "CLASSIFIER_OPS_PORT", OpsEndpoint.CLASSIFIER_PORT));
    }

    @Override
    AutoCloseable start(Headless<ClassifierConfig> settings, PrometheusMeterRegistry registry) {
      ClassifierService service = new ClassifierService(settings.config(), registry);
      OpsEndpoint ops = OpsEndpoint.start(settings.opsPort(), registry, () -> true);
      service.start();
      return () -> closeBoth(service, ops);
    }
  }

  /** {@code thesiswatch dashboard}. */
  @Command(name = "dashboard", description = "Run the dashboard (articles.tagged → Lucene → HTTP).")
  static final class Dashboard extends ServiceCommand<DashboardConfig> {
    @Override
    DashboardConfig configure(Env env) {
      return DashboardConfig.from(env);
    }

    @Override
    AutoCloseable start(DashboardConfig config, PrometheusMeterRegistry registry) {
      DashboardService service = new DashboardService(config, registry);
      service.start();
      LOG.info("dashboard on http://localhost:{}", service.port());
      return service;
    }
  }

  private static void closeBoth(AutoCloseable service, AutoCloseable ops) throws Exception {
    try {
      service.close();
    } finally {
      ops.close();
    }
  }
}
