package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import thesiswatch.common.Json;

/** What the CLI's system tests ask of a running pipeline: its JSON API and sums over trends. */
final class Probes {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Probes() {}

  /** The body of {@code GET url}, which must answer 200. */
  static String text(String url) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode()).as("GET %s → %s", url, response.body()).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("GET " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@link #text} parsed as JSON. */
  static JsonNode json(String url) {
    try {
      return Json.MAPPER.readTree(text(url));
    } catch (IOException e) {
      throw new IllegalStateException("GET " + url + " is not JSON", e);
    }
  }

  /** The sum of {@code field} over the buckets of a {@code /api/trends} answer. */
  static long sum(JsonNode trends, String field) {
    long total = 0;
    for (JsonNode bucket : trends.path("buckets")) {
      total += bucket.path(field).asLong();
    }
    return total;
  }
}
