package thesiswatch.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import thesiswatch.cli.ops.ServiceMetrics;
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

  @Spec CommandSpec spec;

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
  abstract Running start(C config, PrometheusMeterRegistry registry);

  /** A started service as the command sees it. */
  interface Running extends AutoCloseable {
    /** Blocks until the service stops; returns its fatal error, or null after a normal close. */
    Throwable awaitEnd() throws InterruptedException;

    @Override
    void close();
  }

  /**
   * Runs until SIGTERM (exit 0 once everything in flight is committed) or a fatal error such as a
   * fenced producer or a broken index (exit 1, so the orchestrator restarts the service).
   */
  @Override
  public Integer call() throws Exception {
    C config = configure(environment());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServiceMetrics.bindTo(registry);
    Running service = start(config, registry);
    AtomicBoolean terminating = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      terminating.set(true);
      service.close();
    }, "shutdown"));
    Throwable failure = service.awaitEnd();
    if (failure != null && !terminating.get()) {
      LOG.error("{} stopped on a fatal error; exiting so that it is restarted", spec.name(), failure);
      service.close();
      return 1;
    }
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
    Running start(Headless<IngestConfig> settings, PrometheusMeterRegistry registry) {
      IngestService service = new IngestService(settings.config(), registry);
      OpsEndpoint ops = OpsEndpoint.start(settings.opsPort(), registry, service::ready);
      service.start();
      return running(service, ops, () -> {
        service.awaitStopped();
        return service.failure().orElse(null);
      });
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
    Running start(Headless<ClassifierConfig> settings, PrometheusMeterRegistry registry) {
      ClassifierService service = new ClassifierService(settings.config(), registry);
      OpsEndpoint ops = OpsEndpoint.start(settings.opsPort(), registry,
          () -> service.themesValid() && service.failure().isEmpty());
      service.start();
      return running(service, ops, () -> {
        service.awaitStopped();
        return service.failure().orElse(null);
      });
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
    Running start(DashboardConfig config, PrometheusMeterRegistry registry) {
      DashboardService service = new DashboardService(config, registry);
      service.start();
      LOG.info("dashboard on http://localhost:{}", service.port());
      return running(service, null, () -> {
        service.awaitStopped();
        return service.failure().orElse(null);
      });
    }
  }

  /** What {@link Running#awaitEnd()} does for one service. */
  interface EndAwaiter {
    Throwable await() throws InterruptedException;
  }

  private static Running running(AutoCloseable service, OpsEndpoint ops, EndAwaiter end) {
    return new Running() {
      @Override
      public Throwable awaitEnd() throws InterruptedException {
        return end.await();
      }

      @Override
      public void close() {
        try {
          service.close();
        } catch (Exception e) {
          LOG.error("error while stopping", e);
        } finally {
          if (ops != null) {
            ops.close();
          }
        }
      }
    };
  }
}
