package thesiswatch.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code thesiswatch healthcheck URL}: exit 0 when the URL answers 200 — the images have no curl.
 */
@Command(
    name = "healthcheck",
    mixinStandardHelpOptions = true,
    description =
        "Exit 0 when URL answers HTTP 200 within 5 s, 1 otherwise (container health checks).")
final class HealthcheckCommand implements Callable<Integer> {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Parameters(paramLabel = "URL", description = "e.g. http://localhost:8081/health")
  URI url;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try {
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(TIMEOUT)
              .build()
              .send(
                  HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                  HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        return 0;
      }
      spec.commandLine().getErr().println(url + " answered " + response.statusCode());
    } catch (Exception e) {
      spec.commandLine().getErr().println(url + " did not answer: " + e);
    }
    return 1;
  }
}
