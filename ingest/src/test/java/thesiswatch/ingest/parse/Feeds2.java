package thesiswatch.ingest.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import thesiswatch.ingest.fault.FeedFault;

/** The vendored feeds2 documents, parsed as {@code thesiswatch parse FILE} parses them. */
final class Feeds2 {

  static final Path CORPUS = Path.of("src/test/resources/corpus/feeds2");

  /** Later than every date in the corpus: no published time is clamped to it. */
  static final Instant FETCHED = Instant.parse("2030-01-01T00:00:00Z");

  private Feeds2() {}

  /** The bytes of the document at {@code path} under {@code feeds2/}. */
  static byte[] bytes(String path) {
    try {
      return Files.readAllBytes(CORPUS.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document at {@code path}, parsed from its file URL with the default entry cap. */
  static ParsedFeed parse(String path) throws FeedFault {
    return parse(path, bytes(path));
  }

  /** {@code bytes} parsed as if they were the document at {@code path}. */
  static ParsedFeed parse(String path, byte[] bytes) throws FeedFault {
    String url = CORPUS.resolve(path).toAbsolutePath().toUri().toString();
    return new FeedParser(FeedParser.DEFAULT_MAX_ENTRIES).parse(bytes, null, url, null, FETCHED);
  }

  /** The document's only entry (failing the test when it has another number). */
  static FeedEntry only(String path) throws FeedFault {
    List<FeedEntry> entries = parse(path).entries();
    if (entries.size() != 1) {
      throw new AssertionError(path + " has " + entries.size() + " entries, not 1");
    }
    return entries.get(0);
  }
}
