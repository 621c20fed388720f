package thesiswatch.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import thesiswatch.common.Env;
import thesiswatch.common.Service;

/** Runs the ingest service alone, configured by environment variables (as docker compose does). */
public final class IngestMain {

  private IngestMain() {}

  /** Starts ingest, closes it on SIGTERM/Ctrl-C, and blocks until it is closed (exit 0) or fails (exit 1). */
  public static void main(String[] args) throws InterruptedException {
    IngestService service = new IngestService(IngestConfig.from(Env.system()), new SimpleMeterRegistry());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "ingest-shutdown"));
    service.start();
    service.awaitStopped();
    if (service.failure().isPresent()) {
      System.exit(Service.EXIT_FAILED); // the shutdown hook closes what is left
    }
  }
}
