package thesiswatch.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import thesiswatch.common.Article;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.parse.FeedEntry;
import thesiswatch.ingest.parse.FeedParser;
import thesiswatch.ingest.parse.ParsedFeed;

/**
 * The bundled sample feeds ({@code seeds/samples}): which files the offline demo polls, and their
 * items as articles, read by ingest's own parser (for the benchmark and the samples' tests).
 */
public final class SampleFeeds {

  private SampleFeeds() {}

  /** The feed files of {@code dir} the demo polls, in name order: tests' fixtures left out. */
  public static List<Path> demoFeeds(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(SampleFeeds::isFeed)
          .filter(file -> !file.getFileName().toString().startsWith("fixture-"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list sample feeds in " + dir, e);
    }
  }

  /** Whether {@code file} is a feed by its name. */
  static boolean isFeed(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".xml")
        || name.endsWith(".atom")
        || name.endsWith(".rdf")
        || name.endsWith(".json");
  }

  /**
   * Every item of the demo's feeds in {@code dir} as the article ingest would make of it when
   * fetched at {@code fetched} from {@code http://127.0.0.1/<file>}.
   */
  public static List<Article> articles(Path dir, Instant fetched) throws IOException, FeedFault {
    FeedParser parser = new FeedParser(FeedParser.DEFAULT_MAX_ENTRIES);
    List<Article> articles = new ArrayList<>();
    for (Path file : demoFeeds(dir)) {
      String url = "http://127.0.0.1/" + file.getFileName();
      ParsedFeed feed =
          parser.parse(Files.readAllBytes(file), "application/xml", url, null, fetched);
      for (FeedEntry entry : feed.entries()) {
        articles.add(entry.toArticle(fetched, url, feed.feed().title()));
      }
    }
    return articles;
  }
}
