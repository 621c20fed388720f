package thesiswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.Env;
import thesiswatch.common.Json;

/** {@code thesiswatch parse}: the exact JSON line for a good feed, a bad one and a bad input. */
class ParseLinesIT {

  @Test
  void printsTheContractShapeForAFeedAnErrorAndAMissingFile(@TempDir Path dir) throws Exception {
    Path feed =
        Files.write(dir.resolve("feed.json"), LoopbackFeedServer.resource("parse/feed.json"));
    Path page =
        Files.write(dir.resolve("page.html"), LoopbackFeedServer.resource("not-a-feed.html"));
    IngestConfig config = IngestConfig.from(new Env(Map.of()));

    assertThat(Json.write(ParseLines.parse(feed.toString(), config)))
        .isEqualTo(
            "{\"file\":\""
                + feed
                + "\",\"feed\":{\"title\":\"JSON &"
                + " News\",\"link\":\"https://json.example.org/\",\"lang\":\"en\",\"format\":\"json_1.1\"},"
                + "\"articles\":[{\"id\":\""
                + ParseLines.parse(feed.toString(), config).articles().get(0).id()
                + "\",\"guid\":\"j1\",\"title\":\"Startup funding dries"
                + " up\",\"link\":\"https://json.example.org/1\",\"summary\":\"Seed rounds"
                + " halved\",\"published\":\"2025-03-02T07:00:00Z\",\"lang\":\"en\"},{\"id\":\""
                + ParseLines.parse(feed.toString(), config).articles().get(1).id()
                + "\",\"guid\":\"2\",\"title\":\"Gig workers"
                + " unionise\",\"link\":\"https://json.example.org/2\",\"summary\":\"Riders"
                + " vote.\",\"published\":null,\"lang\":\"zh\"}],\"error\":null}");
    assertThat(Json.write(ParseLines.parse(page.toString(), config)))
        .isEqualTo(
            "{\"file\":\""
                + page
                + "\",\"feed\":null,\"articles\":[],\"error\":{\"kind\":\"not_a_feed\",\"message\":\"parse:"
                + " an HTML page, not a feed\"}}");
    ParseLine missing = ParseLines.parse(dir.resolve("nope.xml").toString(), config);
    assertThat(missing.error().kind()).isEqualTo("io_error");
    assertThat(missing.error().message())
        .isEqualTo("fetch: no such file " + dir.resolve("nope.xml"));
    ParseLine guarded = ParseLines.parse("http://127.0.0.1:9/feed", config);
    assertThat(guarded.error().kind()).isEqualTo("blocked_address");
  }
}
