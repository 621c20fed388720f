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
import thesiswatch.common.Languages;
import thesiswatch.common.Links;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Conformance with Python feedparser's own fixture corpus, vendored under {@code
 * src/test/resources/corpus/feedparser} with its licence.
 *
 * <p>For every file whose {@code Expect:} header states {@code entries[0]}'s title, link, id (or
 * guid) or plain-text summary (or description, feedparser's alias), or the feed's own title, link
 * or language, our parse must agree on at least 98% of those expectations (titles and summaries
 * compared as plain text); the known differences are listed in {@link #KNOWN_DIFFERENCES} with the
 * reason. Every file of the corpus must end in a parse or a classified {@link FeedFault}, never
 * another exception.
 *
 * <p>Normalisations applied before comparing, because they are what ingest promises and not
 * differences: whitespace in titles and summaries is collapsed (no-break and the other Unicode
 * spaces included), links are compared in their canonical form ({@link Links#canonical}: host
 * lower-cased, fragment and tracking parameters dropped), a language as its primary subtag ({@code
 * en-us} is {@code en}), and a title whose plain text is empty (an image alone) is no title.
 */
class FeedparserConformanceTest {

  static final Path CORPUS = Path.of("src/test/resources/corpus/feedparser/tests");

  /** The base URL feedparser's test server serves the corpus from; expectations embed it. */
  static final String SERVER = "http://127.0.0.1:8097/";

  static final Instant FETCHED = Instant.parse("2026-01-01T00:00:00Z");

  private static final Pattern EXPECTATION =
      Pattern.compile(
          "(?:entries\\[0\\]\\[['\"](title|link|id|guid|summary|description)['\"]\\]"
              + "|feed\\[['\"](title|link|language)['\"]\\])\\s*==\\s*u?"
              + "('''.*?'''|'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")");
  private static final Pattern HEADER =
      Pattern.compile("(?m)^Header:\\s*([A-Za-z-]+):\\s*(.*?)\\s*$");

  private static final String SANITISER_COMMENT =
      "feedparser's sanitiser drops everything after the malformed comment; jsoup recovers and"
          + " keeps the visible text (scripts still dropped)";

  private static final String HTML5_ENTITIES =
      "&lang; and &rang; are U+27E8 and U+27E9 in HTML5's entity table (jsoup's and browsers');"
          + " feedparser keeps HTML 4's U+2329 and U+232A";

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
          Map.entry("wellformed/sanitize/feed_title_crazy.xml|feed title", SANITISER_COMMENT),
          Map.entry(
              "wellformed/sanitize/xml_malicious_comment.xml|feed title",
              "in HTML a comment left open hides the rest, so a browser shows 'sa'; feedparser's"
                  + " sanitiser keeps the text after it"),
          Map.entry(
              "wellformed/sanitize/xml_declaration_unexpected_character.xml|feed title",
              "the title's HTML is '<!DOCTYPE ~', which HTML ignores in a body: its plain text is"
                  + " empty, where feedparser keeps the escaped markup"),
          Map.entry("entities/lang.xml|feed title", HTML5_ENTITIES),
          Map.entry("entities/rang.xml|feed title", HTML5_ENTITIES),
          Map.entry(
              "wellformed/itunes/itunes_core_element_uppercase.xml|feed title",
              "XML names are case-sensitive: <TiTlE> is not RSS's <title>, whatever iTunes reads"),
          Map.entry(
              "wellformed/lang/http_content_language.xml|feed language",
              "the HTTP Content-Language header is not read: a feed that declares no language"
                  + " gets one per headline, detected by the classifier"),
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
        String actual = parsed == null ? null : actual(parsed, expectation.field());
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
        String field = m.group(1) != null ? m.group(1) : "feed " + m.group(2);
        String expected = pythonString(m.group(3));
        result.add(new Expectation(file, field, expected));
      }
    }
    return result;
  }

  private static String actual(ParsedFeed parsed, String field) {
    switch (field) {
      case "feed title":
        return parsed.feed().title();
      case "feed link":
        return parsed.feed().link();
      case "feed language":
        return parsed.feed().lang();
      default:
        break;
    }
    if (parsed.entries().isEmpty()) {
      return null;
    }
    FeedEntry entry = parsed.entries().get(0);
    return switch (field) {
      case "title" -> entry.title();
      case "link" -> entry.link();
      case "id", "guid" -> entry.guid();
      default -> entry.summary();
    };
  }

  private static boolean agrees(Expectation expectation, String actual) {
    String expected = expectation.expected();
    if (actual == null) {
      return collapse(Jsoup.parseBodyFragment(expected).body().text()).isEmpty();
    }
    if (expectation.field().endsWith("link")) {
      return actual.equals(Links.canonical(expected));
    }
    if (expectation.field().equals("feed language")) {
      return actual.equals(Languages.primary(expected));
    }
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
    return text.replaceAll("[\\s\\p{Z}]+", " ").strip();
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
