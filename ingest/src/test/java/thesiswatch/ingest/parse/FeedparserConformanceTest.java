package thesiswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import thesiswatch.common.Links;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Conformance with Python feedparser's own fixture corpus, vendored under {@code
 * src/test/resources/corpus/feedparser} with its licence.
 *
 * <p>For every file whose {@code Expect:} header states {@code entries[0]}'s title, link, id (or
 * guid) or plain-text summary (or description, feedparser's alias), our parse must agree on at
 * least 98% of those expectations (titles and summaries compared as plain text); the known
 * differences are listed in {@link #KNOWN_DIFFERENCES} with the reason. Every file of the corpus
 * must end in a parse or a classified {@link FeedFault}, never another exception.
 *
 * <p>Normalisations applied before comparing, because they are what ingest promises and not
 * differences: whitespace in titles and summaries is collapsed, links are compared in their
 * canonical form ({@link Links#canonical}: host lower-cased, fragment and tracking parameters
 * dropped).
 */
class FeedparserConformanceTest {

  static final Path CORPUS = Path.of("src/test/resources/corpus/feedparser/tests");

  /** The base URL feedparser's test server serves the corpus from; expectations embed it. */
  static final String SERVER = "http://127.0.0.1:8097/";

  static final Instant FETCHED = Instant.parse("2026-01-01T00:00:00Z");

  private static final Pattern EXPECTATION =
      Pattern.compile(
          "entries\\[0\\]\\[['\"](title|link|id|guid|summary|description)['\"]\\]\\s*==\\s*u?"
              + "('''.*?'''|'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")");
  private static final Pattern HEADER =
      Pattern.compile("(?m)^Header:\\s*([A-Za-z-]+):\\s*(.*?)\\s*$");

  private static final String SANITISER_COMMENT =
      "feedparser's sanitiser drops everything after the malformed comment; jsoup recovers and"
          + " keeps the visible text (scripts still dropped)";

  /** Expectations we knowingly do not meet: "file|field" → why. */
  static final Map<String, String> KNOWN_DIFFERENCES =
      Map.ofEntries(
          Map.entry("wellformed/sanitize/entry_summary_crazy.xml|summary", SANITISER_COMMENT),
          Map.entry("wellformed/sanitize/entry_title_crazy.xml|title", SANITISER_COMMENT),
          Map.entry(
              "wellformed/sanitize/item_content_encoded_crazy.xml|description", SANITISER_COMMENT),
          Map.entry(
              "wellformed/sanitize/item_description_crazy.xml|description", SANITISER_COMMENT),
          Map.entry("wellformed/sanitize/item_fullitem_crazy.xml|description", SANITISER_COMMENT),
          Map.entry(
              "wellformed/sanitize/entry_summary_iframe.xml|summary",
              "the text between <iframe> and </iframe> is what a browser without frames shows;"
                  + " jsoup, like a browser, does not show it, feedparser keeps it"));

  @BeforeAll
  static void corpusPresent() {
    // Vendored with the sources: a missing corpus is a broken checkout, never a reason to skip.
    assertThat(CORPUS).as("the vendored feedparser corpus").isDirectory();
  }

  record Expectation(Path file, String field, String expected) {
    String key() {
      return CORPUS.relativize(file) + "|" + field;
    }
  }

  @Test
  void agreesWithFeedparserOnEntryFieldsAndNeverThrows() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    int expectations = 0;
    int met = 0;
    List<String> unexpectedMisses = new ArrayList<>();
    Map<String, String> missesListed = new TreeMap<>();
    Map<String, Integer> faults = new TreeMap<>();
    List<String> uncaught = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      String header = new String(bytes, StandardCharsets.ISO_8859_1);
      ParsedFeed parsed = null;
      try {
        parsed = parse(file, bytes, header);
      } catch (FeedFault fault) {
        faults.merge(fault.kind().key(), 1, Integer::sum);
      } catch (RuntimeException e) {
        uncaught.add(CORPUS.relativize(file) + ": " + e);
      }
      for (Expectation expectation : expectations(file, header)) {
        expectations++;
        String actual =
            parsed == null || parsed.entries().isEmpty()
                ? null
                : actual(parsed.entries().get(0), expectation.field());
        if (agrees(expectation, actual)) {
          met++;
        } else if (KNOWN_DIFFERENCES.containsKey(expectation.key())) {
          missesListed.put(expectation.key(), actual);
        } else {
          unexpectedMisses.add(
              expectation.key()
                  + " expected ["
                  + expectation.expected()
                  + "] got ["
                  + actual
                  + "]");
        }
      }
    }
    System.out.printf(
        "[feedparser conformance] %d files, %d expectations, %d met (%.1f%%), %d known differences,"
            + " faults by kind %s%n",
        files.size(), expectations, met, 100.0 * met / expectations, missesListed.size(), faults);
    unexpectedMisses.forEach(miss -> System.out.println("[feedparser conformance] miss " + miss));
    List<String> stale =
        KNOWN_DIFFERENCES.keySet().stream()
            .filter(key -> !missesListed.containsKey(key))
            .sorted()
            .toList();
    stale.forEach(key -> System.out.println("[feedparser conformance] now met " + key));
    assertThat(uncaught).as("files that ended in an unclassified exception").isEmpty();
    assertThat(stale).as("KNOWN_DIFFERENCES that are met now").isEmpty();
    assertThat(expectations).isGreaterThan(100);
    assertThat(unexpectedMisses).as("misses not listed in KNOWN_DIFFERENCES").isEmpty();
    assertThat((double) met / expectations).isGreaterThanOrEqualTo(0.98);
  }

  private static ParsedFeed parse(Path file, byte[] bytes, String header) throws FeedFault {
    String contentType = null;
    String base = SERVER + CORPUS.relativize(file).toString().replace('\\', '/');
    base = SERVER + "tests/" + base.substring(SERVER.length());
    Matcher h = HEADER.matcher(header.substring(0, Math.min(header.length(), 4096)));
    while (h.find()) {
      if (h.group(1).equalsIgnoreCase("Content-Type")) {
        contentType = h.group(2);
      } else if (h.group(1).equalsIgnoreCase("Content-Location")) {
        base = h.group(2);
      }
    }
    return new FeedParser(FeedParser.DEFAULT_MAX_ENTRIES)
        .parse(bytes, contentType, base, null, FETCHED);
  }

  static List<Expectation> expectations(Path file, String header) {
    List<Expectation> result = new ArrayList<>();
    String head =
        new String(
            header
                .substring(0, Math.min(header.length(), 8192))
                .getBytes(StandardCharsets.ISO_8859_1),
            StandardCharsets.UTF_8);
    for (String line : head.split("\n")) {
      if (!line.contains("Expect:")) {
        continue;
      }
      Matcher m = EXPECTATION.matcher(line);
      while (m.find()) {
        String field = m.group(1);
        String expected = pythonString(m.group(2));
        result.add(new Expectation(file, field, expected));
      }
    }
    return result;
  }

  private static String actual(FeedEntry entry, String field) {
    return switch (field) {
      case "title" -> entry.title();
      case "link" -> entry.link();
      case "id", "guid" -> entry.guid();
      default -> entry.summary();
    };
  }

  private static boolean agrees(Expectation expectation, String actual) {
    if (actual == null) {
      return expectation.expected().isEmpty();
    }
    if (expectation.field().equals("link")) {
      String canonical = Links.canonical(expectation.expected());
      return actual.equals(canonical);
    }
    String expected = expectation.expected();
    if (collapse(actual).equals(collapse(expected))) {
      return true;
    }
    if (expected.contains("<") || expected.contains("&")) {
      // feedparser keeps (sanitised) HTML; ingest promises plain text, so compare plain text.
      expected = Jsoup.parseBodyFragment(expected).body().text();
    }
    return collapse(actual).equals(collapse(expected));
  }

  private static String collapse(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** A Python string literal's value (quotes removed, escapes resolved). */
  static String pythonString(String literal) {
    int quote = literal.startsWith("'''") ? 3 : 1;
    String body = literal.substring(quote, literal.length() - quote);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        out.append(c);
        continue;
      }
      char next = body.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'x' -> {
          out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'u' -> {
          out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'U' -> {
          out.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 9), 16));
          i += 8;
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }
}
