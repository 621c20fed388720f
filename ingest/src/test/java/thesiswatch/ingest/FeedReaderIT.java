package thesiswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.Env;

class FeedReaderIT {

  @Test
  void theSameBodyAgainIsNotParsedForServersThatIgnoreValidators(@TempDir Path dir)
      throws Exception {
    Path file =
        Files.write(dir.resolve("feed.xml"), LoopbackFeedServer.resource("tech-news.rss.xml"));
    FeedReader reader = new FeedReader(IngestConfig.from(new Env(Map.of())));
    FeedReader.Result first = reader.read(file.toUri().toString(), "en", null, null, null);
    assertThat(first.feed().entries()).hasSize(3);
    FeedReader.Result again =
        reader.read(file.toUri().toString(), "en", null, null, first.digest());
    assertThat(again.feed()).isNull();
    assertThat(again.digest()).isEqualTo(first.digest());
    Files.writeString(file, Files.readString(file).replace("BigCo cuts", "BigCo axes"));
    assertThat(
            reader.read(file.toUri().toString(), "en", null, null, first.digest()).feed().entries())
        .hasSize(3);
  }
}
