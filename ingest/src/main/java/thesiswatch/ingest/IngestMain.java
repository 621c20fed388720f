package thesiswatch.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import thesiswatch.common.Env;

/** Runs the ingest service alone, configured by environment variables (as docker compose does). */
public final class IngestMain {

  private IngestMain() {}

  /** Starts ingest, closes it on SIGTERM/Ctrl-C, and blocks until it is closed. */
  public static void main(String[] args) throws InterruptedException {
    IngestService service = new IngestService(IngestConfig.from(Env.system()), new SimpleMeterRegistry());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "ingest-shutdown"));
    service.start();
    service.awaitClosed();
  }
}
