package thesiswatch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.testkit.HalfRequests;

/** The demo's loopback server of sample feeds, over real sockets. */
class SampleFeedServerIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void servesTheFeedFilesOnlyAndNoClientStallsTheOthers(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.xml"), "<rss><channel><title>A</title></channel></rss>");
    Files.writeString(dir.resolve("b.atom"), "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>");
    Files.writeString(dir.resolve("notes.txt"), "not a feed");
    try (SampleFeedServer server = SampleFeedServer.start(dir, 0)) {
      List<String> urls = server.feedUrls();
      assertThat(urls).hasSize(2);
      HttpResponse<String> feed = get(urls.get(0));
      assertThat(feed.statusCode()).isEqualTo(200);
      assertThat(feed.headers().firstValue("Content-Type"))
          .hasValue("application/rss+xml; charset=utf-8");
      assertThat(feed.body()).contains("<title>A</title>");
      String base = "http://" + SampleFeedServer.HOST + ":" + server.port() + "/samples/";
      assertThat(get(base + "notes.txt").statusCode()).isEqualTo(404);
      assertThat(get(base + "..%2Fsecret.xml").statusCode()).isIn(400, 404);

      // With the JDK's HttpServer, one client that sent half a request stalled every poll.
      try (HalfRequests stalled = HalfRequests.hold(server.port(), 10, "GET /samp")) {
        assertThat(get(urls.get(1)).statusCode()).isEqualTo(200);
      }
    }
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
