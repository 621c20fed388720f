package thesiswatch.classifier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import thesiswatch.common.Env;

/**
 * The classifier process, as docker compose and {@code ./thesiswatch classifier} run it:
 * configured by environment variables ({@link ClassifierConfig}), stopped by a signal. Exits 1
 * when the service stops on its own (a fenced producer, an unreachable broker), 2 on bad settings.
 */
public final class ClassifierMain {

  private ClassifierMain() {}

  /** Runs the classifier until the process is told to stop. */
  public static void main(String[] args) throws InterruptedException {
    ClassifierService service;
    try {
      service = new ClassifierService(ClassifierConfig.from(Env.system()), new SimpleMeterRegistry());
    } catch (IllegalArgumentException e) {
      System.err.println("classifier: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "classifier-shutdown"));
    service.start();
    service.awaitStopped();
    if (service.failure().isPresent()) {
      System.err.println("classifier: stopped: " + service.failure().get());
      System.exit(1);
    }
  }
}
