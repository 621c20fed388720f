package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code thesiswatch query} against a loopback stand-in for the dashboard: it prints the total,
 * says "no results" when nothing matches, and finds a dashboard on another port through the
 * addresses a demo wrote, saying which one it uses.
 */
class QueryCommandTest {

  private HttpServer server;
  private final List<String> asked = new ArrayList<>();
  private volatile String answer;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/articles",
        exchange -> {
          asked.add(exchange.getRequestURI().toString());
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", answer.startsWith("<") ? "text/html" : "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Runs {@code query args}; {out, err, status}. */
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = Main.commandLine();
    line.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "query";
    System.arraycopy(args, 0, all, 1, args.length);
    int status = line.execute(all);
    return new String[] {out.toString(), err.toString(), String.valueOf(status)};
  }

  @Test
  void noMatchSaysNoResults(@TempDir Path data) {
    answer = "{\"articles\":[],\"total\":0,\"totalRelation\":\"eq\",\"nextCursor\":null}";
    String[] result = run("nothing-matches-this", "--url", url(), "--data", data.toString());
    assertThat(result[2]).isEqualTo("0");
    assertThat(result[0].strip()).isEqualTo("no results");
    assertThat(result[1]).contains("dashboard " + url() + " (from --url)");
    assertThat(asked).singleElement().asString().contains("q=nothing-matches-this");
  }

  @Test
  void matchesPrintTheTotalThenEachArticle(@TempDir Path data) {
    answer =
        "{\"articles\":[{\"id\":\"a1\",\"title\":\"Big Tech layoffs continue\","
            + "\"link\":\"https://news.example.com/a1\",\"published\":\"2025-02-10T09:00:00Z\","
            + "\"themes\":[{\"id\":\"layoffs\"}]}],"
            + "\"total\":7,\"totalRelation\":\"eq\",\"nextCursor\":\"x\"}";
    String[] result = run("layoffs", "--limit", "1", "--url", url(), "--data", data.toString());
    assertThat(result[2]).isEqualTo("0");
    assertThat(result[0])
        .startsWith("7 results, showing the newest 1\n")
        .contains("2025-02-10")
        .contains("[layoffs]")
        .contains("Big Tech layoffs continue")
        .contains("https://news.example.com/a1");
  }

  @Test
  void aDemoOnOtherPortsIsFoundThroughItsAddressesFile(@TempDir Path data) {
    answer = "{\"articles\":[],\"total\":0,\"totalRelation\":\"eq\",\"nextCursor\":null}";
    new Addresses(url(), "127.0.0.1:1").write(data);
    String[] result = run("layoffs", "--data", data.toString());
    assertThat(result[2]).isEqualTo("0");
    assertThat(result[0].strip()).isEqualTo("no results");
    assertThat(result[1])
        .contains("dashboard " + url() + " (from " + data.resolve(Addresses.FILE) + ")");
    assertThat(asked).hasSize(1);
  }

  @Test
  void nobodyAnsweringIsOneClearLine(@TempDir Path data) throws IOException {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String[] result =
        run("layoffs", "--url", "http://127.0.0.1:" + port, "--data", data.toString());
    assertThat(result[2]).isNotEqualTo("0");
    assertThat(result[1]).contains("no dashboard answers at http://127.0.0.1:" + port);
  }

  @Test
  void anAnswerLargerThanAnyPageOfResultsIsRefusedNotRead(@TempDir Path data) {
    answer =
        "{\"total\":1,\"articles\":[],\"pad\":\""
            + "x".repeat(QueryCommand.MAX_ANSWER_BYTES)
            + "\"}";
    String[] result = run("layoffs", "--url", url(), "--data", data.toString());
    assertThat(result[2]).isNotEqualTo("0");
    assertThat(result[1])
        .contains(url() + " answered more than 16 MiB, not a page of search results");
  }

  @Test
  void somethingElseAnsweringIsSaidSoNotAParserError(@TempDir Path data) {
    answer = "<html><body>Welcome to nginx!</body></html>";
    String[] result = run("layoffs", "--url", url(), "--data", data.toString());
    assertThat(result[2]).isNotEqualTo("0");
    assertThat(result[1])
        .contains(url() + " answered 200 with text/html, not a dashboard's JSON")
        .doesNotContain("Unexpected character");
  }
}
