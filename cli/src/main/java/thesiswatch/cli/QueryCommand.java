package thesiswatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import thesiswatch.common.AddressGuard;
import thesiswatch.common.Env;
import thesiswatch.common.GuardedHttpClient;
import thesiswatch.common.Json;

/** {@code thesiswatch query}: the dashboard's search from a terminal. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Search tagged articles on a running dashboard (a demo's own address is read from its data"
            + " directory).")
final class QueryCommand implements Callable<Integer> {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Parameters(
      arity = "0..1",
      paramLabel = "QUERY",
      description = "Search words (simple query syntax: \"phrases\", -exclude, a|b).")
  String query;

  @Option(names = "--theme", description = "Only articles tagged with this theme id.")
  String theme;

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      description = "Only articles newer than this, e.g. 7d, 12h.")
  String since;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "At most this many results (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the API's JSON instead of a table.")
  boolean json;

  @Option(
      names = "--url",
      description =
          "Dashboard address (default: the one a demo wrote into --data, else "
              + Addresses.DEFAULT_DASHBOARD
              + ").")
  String url;

  @Option(
      names = "--data",
      defaultValue = "data",
      paramLabel = "DIR",
      description = "A demo's data directory, to find its dashboard (default ./${DEFAULT-VALUE}).")
  Path data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query != null) {
      parameters.put("q", query);
    }
    if (theme != null) {
      parameters.put("theme", theme);
    }
    if (since != null) {
      Duration window = Env.parseDuration(since);
      if (window == null || window.isNegative()) {
        throw new IllegalArgumentException(
            "--since '" + since + "' is not a duration such as 7d, 12h or 30m");
      }
      parameters.put("from", Instant.now().minus(window).toString());
    }
    parameters.put("limit", String.valueOf(limit));
    StringJoiner queryString = new StringJoiner("&");
    parameters.forEach(
        (name, value) ->
            queryString.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    Addresses.Chosen dashboard = Addresses.dashboard(url, data);
    spec.commandLine().getErr().println("thesiswatch query: " + dashboard.describe("dashboard"));
    URI uri = URI.create(dashboard.value() + "/api/articles?" + queryString);

    Answer response = ask(uri, dashboard.value());
    PrintWriter out = spec.commandLine().getOut();
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.body());
    } catch (JsonProcessingException e) {
      // Something else listens there (another server, a proxy's error page).
      throw new IOException(
          dashboard.value()
              + " answered "
              + response.status()
              + " with "
              + response.contentType()
              + ", not a dashboard's JSON; is --url a thesiswatch dashboard?",
          e);
    }
    if (response.status() != 200) {
      spec.commandLine()
          .getErr()
          .println(
              "query refused ("
                  + response.status()
                  + "): "
                  + body.path("error").asText()
                  + ": "
                  + body.path("detail").asText());
      return 2;
    }
    if (json) {
      out.println(new String(response.body(), StandardCharsets.UTF_8));
      return 0;
    }
    long total = body.path("total").asLong();
    int shown = body.path("articles").size();
    if (total == 0) {
      out.println("no results");
      out.flush();
      return 0;
    }
    String lowerBound = "gte".equals(body.path("totalRelation").asText()) ? "at least " : "";
    out.println(
        lowerBound
            + total
            + (total == 1 ? " result" : " results")
            + (shown < total ? ", showing the newest " + shown : ""));
    for (JsonNode article : body.path("articles")) {
      StringJoiner themes = new StringJoiner(",");
      article.path("themes").forEach(match -> themes.add(match.path("id").asText()));
      String published = article.path("published").asText("");
      out.printf(
          "%-10s  %-28s  %s%n    %s%n",
          published.length() >= 10 ? published.substring(0, 10) : published,
          "[" + themes + "]",
          article.path("title").asText(),
          article.path("link").asText(""));
    }
    out.flush();
    return 0;
  }

  /** Most bytes of an answer read: a page of search results is far smaller. */
  static final int MAX_ANSWER_BYTES = 16 << 20;

  /** What the dashboard answered. */
  private record Answer(int status, String contentType, byte[] body) {}

  /**
   * Asks {@code uri} once, within one deadline over connect, headers and body (the JDK's client
   * times out the headers only), reading at most {@link #MAX_ANSWER_BYTES}. Only the address the
   * user named is asked: the guard exempts it and nothing else (no redirect is followed).
   */
  private static Answer ask(URI uri, String dashboard) throws IOException {
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    AddressGuard guard = new AddressGuard(List.of(uri.getHost() + ":" + port), "--url");
    try (GuardedHttpClient client = GuardedHttpClient.create(guard, TIMEOUT);
        GuardedHttpClient.Exchange exchange =
            client.open(new HttpGet(uri), Instant.now().plus(TIMEOUT))) {
      ClassicHttpResponse response = exchange.response();
      Header type = response.getFirstHeader("Content-Type");
      byte[] body;
      try {
        body =
            response.getEntity() == null
                ? new byte[0]
                : response.getEntity().getContent().readNBytes(MAX_ANSWER_BYTES + 1);
      } catch (IOException e) {
        throw exchange.timedOut() ? noAnswerInTime(dashboard, e) : e;
      }
      if (body.length > MAX_ANSWER_BYTES) {
        throw new IOException(
            dashboard
                + " answered more than "
                + (MAX_ANSWER_BYTES >> 20)
                + " MiB, not a page of search results; is --url a thesiswatch dashboard?");
      }
      return new Answer(
          response.getCode(), type == null ? "no Content-Type" : type.getValue(), body);
    } catch (ConnectException e) {
      throw new IOException(
          "no dashboard answers at "
              + dashboard
              + " (start one with ./thesiswatch demo, or pass --url)",
          e);
    } catch (GuardedHttpClient.DeadlineException e) {
      throw noAnswerInTime(dashboard, e);
    }
  }

  private static IOException noAnswerInTime(String dashboard, IOException cause) {
    return new IOException(
        dashboard + " did not answer within " + Env.format(TIMEOUT) + " (is it overloaded?)",
        cause);
  }
}
