package thesiswatch.dashboard;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import thesiswatch.common.Env;
import thesiswatch.common.PortInUseException;

/**
 * Runs the dashboard as its own process (as docker compose does), configured by environment
 * variables. On SIGTERM or Ctrl-C the shutdown hook closes it gracefully (final commit) and the
 * JVM reports the signal (143 or 130); it exits 1 on a fatal error such as a Lucene tragic
 * exception — a supervisor then restarts it from the last commit — and 2 when it cannot start.
 */
public final class DashboardMain {

  private DashboardMain() {}

  /** Starts the dashboard and blocks until it stops. */
  public static void main(String[] args) throws InterruptedException {
    DashboardService service;
    try {
      service = new DashboardService(
          DashboardConfig.from(Env.system()), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      service.start();
    } catch (PortInUseException e) {
      System.err.println("dashboard: " + e.getMessage() + "; choose another with DASHBOARD_PORT");
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      System.err.println("dashboard: cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "dashboard-shutdown"));
    System.out.println("dashboard: http://localhost:" + service.port() + "/");
    service.awaitStopped();
    if (service.failure().isPresent()) {
      System.err.println("dashboard: fatal: " + service.failure().get());
      service.close();
      System.exit(1);
    }
  }
}
