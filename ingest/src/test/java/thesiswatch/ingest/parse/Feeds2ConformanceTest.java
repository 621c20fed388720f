package thesiswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import thesiswatch.common.Json;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Conformance over the 381 documents of {@code feeds2} (other feed parsers' test suites and real
 * feeds, vendored under {@code src/test/resources/corpus/feeds2} with their licences), against
 * expected values we wrote from the documents and the format definitions, per suite in {@code
 * src/test/resources/conformance/feeds2/<suite>.json}.
 *
 * <p>Per document, one expectation for its outcome (its entry count, or the kind of fault it must
 * end in), and per expected entry five: title and summary (plain text, whitespace collapsed), link
 * (canonical), guid and published time (to the second). Each document is parsed as {@code
 * thesiswatch parse FILE} parses it: from its file URL, with the default entry cap. Every
 * expectation must be met but those listed in {@link #KNOWN_DIFFERENCES}, which must be missed;
 * every document must end in a parse or a classified {@link FeedFault}, never another exception.
 * The share met is printed per suite.
 */
class Feeds2ConformanceTest {

  static final Path CORPUS = Path.of("src/test/resources/corpus/feeds2");
  static final Path EXPECTED = Path.of("src/test/resources/conformance/feeds2");

  /** Later than every date in the corpus, so no published time is clamped to the fetch time. */
  static final Instant FETCHED = Instant.parse("2030-01-01T00:00:00Z");

  static final List<String> FIELDS = List.of("title", "summary", "link", "guid", "published");

  /** Expectations the parser knowingly misses: "file|entry index|field" → why. */
  static final Map<String, String> KNOWN_DIFFERENCES = Map.of();

  @BeforeAll
  static void corpusPresent() {
    // Vendored with the sources: a missing corpus is a broken checkout, never a reason to skip.
    assertThat(CORPUS).as("the vendored feeds2 corpus").isDirectory();
    assertThat(EXPECTED).as("the expected values").isDirectory();
  }

  /** Per suite: expectations and how many were met. */
  private static final class Tally {
    int expectations;
    int met;
  }

  @Test
  void meetsTheExpectedValuesOfEveryDocumentAndNeverThrows() throws IOException {
    Map<String, JsonNode> expected = expectedByFile();
    List<Path> documents = documents();
    assertThat(documents).as("documents of the corpus").hasSize(381);
    assertThat(expected.keySet())
        .as("documents with expected values")
        .containsExactlyInAnyOrderElementsOf(
            documents.stream().map(Feeds2ConformanceTest::key).toList());

    Map<String, Tally> bySuite = new TreeMap<>();
    Map<String, String> misses = new TreeMap<>();
    List<String> uncaught = new ArrayList<>();
    for (Path document : documents) {
      String key = key(document);
      Tally tally = bySuite.computeIfAbsent(key.substring(0, key.indexOf('/')), s -> new Tally());
      ParsedFeed parsed = null;
      String fault = null;
      try {
        parsed =
            new FeedParser(FeedParser.DEFAULT_MAX_ENTRIES)
                .parse(
                    Files.readAllBytes(document),
                    null,
                    document.toAbsolutePath().toUri().toString(),
                    null,
                    FETCHED);
      } catch (FeedFault e) {
        fault = e.kind().key();
      } catch (RuntimeException | StackOverflowError e) {
        uncaught.add(key + ": " + e);
        fault = "uncaught " + e;
      }
      JsonNode expectation = expected.get(key);
      Map<String, String> outcome = new LinkedHashMap<>();
      if (expectation.has("fault")) {
        outcome.put(key + "|fault", check(expectation.get("fault").asText(), fault));
      } else {
        List<FeedEntry> entries = parsed == null ? List.of() : parsed.entries();
        JsonNode expectedEntries = expectation.get("entries");
        outcome.put(
            key + "|count",
            check(
                String.valueOf(expectedEntries.size()),
                fault != null ? fault : "" + entries.size()));
        for (int i = 0; i < expectedEntries.size(); i++) {
          FeedEntry actual = i < entries.size() ? entries.get(i) : null;
          for (String field : FIELDS) {
            outcome.put(key + "|" + i + "|" + field, check(expectedEntries.get(i), field, actual));
          }
        }
      }
      for (Map.Entry<String, String> result : outcome.entrySet()) {
        tally.expectations++;
        if (result.getValue() == null) {
          tally.met++;
        } else {
          misses.put(result.getKey(), result.getValue());
        }
      }
    }

    int expectations = bySuite.values().stream().mapToInt(t -> t.expectations).sum();
    int met = bySuite.values().stream().mapToInt(t -> t.met).sum();
    bySuite.forEach(
        (suite, t) ->
            System.out.printf(
                "[feeds2 conformance] %-10s %5d expectations, %5d met (%.1f%%)%n",
                suite, t.expectations, t.met, 100.0 * t.met / t.expectations));
    System.out.printf(
        "[feeds2 conformance] all        %5d expectations, %5d met (%.1f%%), %d known"
            + " differences%n",
        expectations, met, 100.0 * met / expectations, KNOWN_DIFFERENCES.size());
    Map<String, String> unexpected = new TreeMap<>(misses);
    unexpected.keySet().removeAll(KNOWN_DIFFERENCES.keySet());
    unexpected.forEach((k, v) -> System.out.println("[feeds2 conformance] miss " + k + ": " + v));
    Set<String> stale = new TreeSet<>(KNOWN_DIFFERENCES.keySet());
    stale.removeAll(misses.keySet());

    assertThat(uncaught).as("documents that ended in an unclassified exception").isEmpty();
    assertThat(unexpected).as("misses not listed in KNOWN_DIFFERENCES").isEmpty();
    assertThat(stale).as("KNOWN_DIFFERENCES that are met now").isEmpty();
  }

  /** Null when {@code actual} is {@code expected}; else what differs. */
  private static String check(String expected, String actual) {
    return Objects.equals(expected, actual)
        ? null
        : "expected [" + expected + "] got [" + actual + "]";
  }

  private static String check(JsonNode expected, String field, FeedEntry actual) {
    String want = expected.get(field).isNull() ? null : expected.get(field).asText();
    if (actual == null) {
      return "expected [" + want + "] got no entry";
    }
    String got =
        switch (field) {
          case "title" -> collapse(actual.title());
          case "summary" -> collapse(actual.summary());
          case "link" -> actual.link();
          case "guid" -> actual.guid();
          default ->
              actual.published() == null
                  ? null
                  : actual.published().truncatedTo(ChronoUnit.SECONDS).toString();
        };
    boolean text = field.equals("title") || field.equals("summary");
    return check(text && want != null ? collapse(want) : want, got);
  }

  private static String collapse(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  private static String key(Path document) {
    return CORPUS.relativize(document).toString().replace('\\', '/');
  }

  /** The feed documents: every file but the licences, notices and READMEs. */
  static List<Path> documents() throws IOException {
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      return walk.filter(Files::isRegularFile)
          .filter(
              p -> {
                String name = p.getFileName().toString();
                return !name.startsWith("LICENSE")
                    && !name.equals("NOTICE")
                    && !name.startsWith("README");
              })
          .sorted()
          .toList();
    }
  }

  private static Map<String, JsonNode> expectedByFile() throws IOException {
    Map<String, JsonNode> byFile = new TreeMap<>();
    try (Stream<Path> files = Files.list(EXPECTED)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode suite = Json.MAPPER.readTree(file.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = suite.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          byFile.put(entry.getKey(), entry.getValue());
        }
      }
    }
    return byFile;
  }
}
