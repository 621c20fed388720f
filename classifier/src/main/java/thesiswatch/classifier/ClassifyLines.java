package thesiswatch.classifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import thesiswatch.classifier.match.Classification;
import thesiswatch.classifier.match.Headline;
import thesiswatch.classifier.match.InputError;
import thesiswatch.classifier.match.ThemeHit;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.BoundedLines;
import thesiswatch.common.Json;
import thesiswatch.common.ThemeMatch;

/**
 * {@code ./thesiswatch classify [--themes FILE] [--explain]}: one input line in, one JSON line out,
 * with the same matcher as the service.
 *
 * <p>Input: a JSON object with {@code title}, optional {@code summary}, {@code lang}, {@code id};
 * or a plain headline. Output: {@code {"id": <echoed or null>, "lang": <detected>, "themes":
 * [{"id","score","stance","matched":[...]}]}}; with explain each theme adds {@code stanceBy} (the
 * id of the stance query that decided, or {@code default}: see {@link
 * thesiswatch.classifier.match.StanceRule}), {@code snippet} (matched terms marked «») and {@code
 * queries} (each matching query with its role and language). A bad line, a blank one included,
 * gives {@code {"id": ..., "error": {"kind", "message"}}}, never an exception: output lines zip 1:1
 * with input lines.
 */
public final class ClassifyLines implements AutoCloseable {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ThemeMatcher matcher;
  private final boolean explain;

  /**
   * Loads {@code themesFile}.
   *
   * @throws IllegalArgumentException with the loader's exact message when the file is invalid
   */
  public ClassifyLines(Path themesFile, boolean explain) {
    this.matcher = ThemeMatcher.of(ThemeSet.load(themesFile));
    this.explain = explain;
  }

  /** The output line for {@code inputLine} (without a line break). */
  public String classify(String inputLine) {
    JsonNode id = NODES.nullNode();
    try {
      String line = inputLine == null ? "" : inputLine.strip();
      if (line.isEmpty()) {
        return error(id, new InputError(InputError.Kind.EMPTY, "empty line"));
      }
      Headline headline;
      if (line.startsWith("{")) {
        JsonNode object;
        try {
          object = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
          return error(
              id,
              new InputError(
                  InputError.Kind.INVALID_JSON, "not valid JSON: " + e.getOriginalMessage()));
        }
        id = object.path("id").isMissingNode() ? NODES.nullNode() : object.get("id");
        JsonNode title = object.get("title");
        if (title == null || !title.isTextual() || title.asText().isBlank()) {
          return error(
              id, new InputError(InputError.Kind.INVALID_ARTICLE, "title must be non-blank text"));
        }
        JsonNode summary = object.get("summary");
        if (summary != null && !summary.isNull() && !summary.isTextual()) {
          return error(id, new InputError(InputError.Kind.INVALID_ARTICLE, "summary must be text"));
        }
        headline = new Headline(title.asText(), summary == null ? "" : summary.asText(""));
      } else {
        headline = new Headline(line, "");
      }
      return Json.write(output(id, matcher.classify(headline)));
    } catch (RuntimeException e) {
      return error(
          id, new InputError(InputError.Kind.INVALID_ARTICLE, String.valueOf(e.getMessage())));
    }
  }

  /**
   * Classifies every line of {@code in} to {@code out}, one output line per input line, blank ones
   * included (they get the {@code empty} error line), flushing after each so a pipe sees results as
   * they come. A line that runs past {@link BoundedLines#MAX_LINE_SPAN} without a line break gets
   * its error line and ends the run: the input holds no more lines to read.
   *
   * @return whether the input was read to its end
   */
  public boolean run(BufferedReader in, PrintWriter out) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      long length = BoundedLines.readLine(in, line);
      if (length < 0) {
        return true;
      }
      out.println(
          length > BoundedLines.MAX_LINE_CHARS ? tooLong(length) : classify(line.toString()));
      out.flush();
      if (BoundedLines.endless(length)) {
        return false;
      }
    }
  }

  private static String tooLong(long length) {
    String message =
        BoundedLines.endless(length)
            ? "no line break in "
                + BoundedLines.MAX_LINE_SPAN
                + " characters; the rest of the input is not read"
            : "a line of "
                + length
                + " characters; at most "
                + BoundedLines.MAX_LINE_CHARS
                + " are read, as much as a Kafka record holds";
    return error(NODES.nullNode(), new InputError(InputError.Kind.TOO_LONG, message));
  }

  /** The version of the theme set in use. */
  public String themeSetVersion() {
    return matcher.version();
  }

  @Override
  public void close() {
    matcher.close();
  }

  private ObjectNode output(JsonNode id, Classification result) {
    ObjectNode out = NODES.objectNode();
    out.set("id", id);
    out.put("lang", result.language());
    ArrayNode themes = out.putArray("themes");
    for (ThemeHit hit : result.hits()) {
      ThemeMatch match = hit.match();
      ObjectNode theme = themes.addObject();
      theme.put("id", match.id());
      theme.put("score", match.score());
      theme.put("stance", match.stance());
      ArrayNode matched = theme.putArray("matched");
      match.matched().forEach(matched::add);
      if (explain) {
        theme.put("stanceBy", hit.stanceBy());
        theme.put("snippet", match.snippet());
        ArrayNode queries = theme.putArray("queries");
        for (ThemeHit.MatchedQuery query : hit.queries()) {
          queries
              .addObject()
              .put("role", query.role())
              .put("lang", query.language())
              .put("query", query.query());
        }
      }
    }
    if (explain) {
      out.put("mixed", result.mixed());
      out.put("themeSetVersion", matcher.version());
    }
    return out;
  }

  private static String error(JsonNode id, InputError error) {
    ObjectNode out = NODES.objectNode();
    out.set("id", id);
    out.putObject("error").put("kind", error.kind().key()).put("message", error.message());
    return Json.write(out);
  }
}
