package thesiswatch.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The descriptive part of a themes file ({@code seeds/themes.yml}): each theme's id, names, the
 * essay's claim and the direction it predicts, and the file's version. This is what the dashboard
 * shows; the classifier reads the same file strictly, queries included, and stamps each tag with
 * the same {@link ThemesFile#version version}.
 *
 * <p>The file's shape (the classifier's loader documents the query fields):
 *
 * <pre>
 * themes:
 *   - id: layoffs
 *     name: {zh: 裁员, en: Layoffs}
 *     claim: {zh: "想干活的时候说AI，想裁员的时候又怪AI", en: "AI is the excuse ..."}
 *     direction: rising          # rising | persisting
 *     default_stance: supports   # the classifier's: the stance when no stance query matches
 *     test: {...}                # the claim's pre-registered test, see ClaimTest
 *     queries: {zh: [...], en: [...]}
 *     supports: {zh: [...], en: [...]}
 *     challenges: {zh: [...], en: [...]}
 *     denials: {zh: [...], en: [...]}
 *     neutral: {zh: [...], en: [...]}
 * </pre>
 *
 * <p>Stance fields ({@code default_stance} and the stance queries) are the classifier's: the
 * dashboard reads the stance from each tag, so this reader passes over them like the queries.
 *
 * @param version {@link ThemesFile#version the file's version}: changes whenever the file does
 * @param themes the themes in file order
 */
public record ThemeCatalog(String version, List<Theme> themes) {

  /** Reads a theme's descriptive fields and ignores the rest (queries, stance fields, notes). */
  private static final ObjectMapper LENIENT =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public ThemeCatalog {
    Article.requireText(version, "theme set version");
    themes = List.copyOf(themes);
  }

  /**
   * One theme as users see it.
   *
   * @param id stable id, e.g. {@code layoffs}
   * @param name names by language ({@code zh}, {@code en})
   * @param claim the essay's claim by language: {@code zh} quotes the essay, {@code en} glosses it
   * @param direction what the essay predicts: {@code rising} or {@code persisting}
   * @param test the test the claim is held to, fixed in advance ({@link ClaimTest#DEFAULT} when the
   *     file gives none)
   */
  public record Theme(
      String id,
      Map<String, String> name,
      Map<String, String> claim,
      String direction,
      ClaimTest test) {
    public Theme {
      Article.requireText(id, "theme id");
      name = name == null ? Map.of() : Map.copyOf(name);
      claim = claim == null ? Map.of() : Map.copyOf(claim);
      direction = direction == null ? "rising" : direction;
      test = test == null ? ClaimTest.DEFAULT : test;
    }
  }

  /**
   * Reads the descriptive part of the themes file at {@code path}.
   *
   * @throws IllegalArgumentException when the file is not a themes file, naming the file and why
   */
  public static ThemeCatalog load(Path path) {
    return of(ThemesFile.read(path));
  }

  /**
   * The descriptive part of {@code file}; fields the dashboard does not show (queries) are left to
   * the classifier's strict reading.
   *
   * @throws IllegalArgumentException when the file is not a themes file, naming the file and why
   */
  public static ThemeCatalog of(ThemesFile file) {
    JsonNode list = file.root().path("themes");
    if (!list.isArray() || list.isEmpty()) {
      throw file.problem(" defines no themes");
    }
    List<Theme> themes = new ArrayList<>();
    for (JsonNode theme : list) {
      try {
        themes.add(LENIENT.treeToValue(theme, Theme.class));
      } catch (IOException | RuntimeException e) {
        String where =
            theme.path("id").isTextual() ? ": theme '" + theme.path("id").asText() + "'" : "";
        throw file.problem(where + (where.isEmpty() ? " is not valid: " : ": ") + reason(e));
      }
    }
    return new ThemeCatalog(file.version(), themes);
  }

  /**
   * What went wrong, in the file's terms: a test's own check says so exactly ("test: …"); Jackson's
   * message for other mistakes.
   */
  private static String reason(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException
          && String.valueOf(cause.getMessage()).startsWith("test:")) {
        return cause.getMessage();
      }
    }
    return e.getMessage();
  }
}
