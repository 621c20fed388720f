package thesiswatch.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The descriptive part of a themes file ({@code seeds/themes.yml}): each theme's id, names, the
 * essay's claim and the direction it predicts, and the file's version. This is what the
 * dashboard shows; the classifier reads the same file strictly, queries included, and stamps
 * each tag with the same {@link #versionOf version}.
 *
 * <p>The file's shape (the classifier's loader documents the query fields):
 *
 * <pre>
 * themes:
 *   - id: layoffs
 *     name: {zh: 裁员, en: Layoffs}
 *     claim: {zh: "想干活的时候说AI，想裁员的时候又怪AI", en: "AI is the excuse ..."}
 *     direction: rising          # rising | persisting
 *     queries: {zh: [...], en: [...]}
 *     supports: {zh: [...], en: [...]}
 *     challenges: {zh: [...], en: [...]}
 * </pre>
 *
 * @param version hash of the file's bytes: changes whenever the file does
 * @param themes the themes in file order
 */
public record ThemeCatalog(String version, List<Theme> themes) {

  /** Characters of the SHA-256 hex digest used as the version. */
  private static final int VERSION_HEX_LENGTH = 12;

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
   */
  public record Theme(String id, Map<String, String> name, Map<String, String> claim, String direction) {
    public Theme {
      Article.requireText(id, "theme id");
      name = name == null ? Map.of() : Map.copyOf(name);
      claim = claim == null ? Map.of() : Map.copyOf(claim);
      direction = direction == null ? "rising" : direction;
    }
  }

  private record File(List<Theme> themes) {}

  /**
   * Reads the descriptive part of the themes file at {@code path}.
   *
   * @throws IllegalArgumentException when the file is not a themes file, naming the file and why
   */
  public static ThemeCatalog load(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read themes file " + path, e);
    }
    try {
      File file = YAML.readValue(bytes, File.class);
      if (file == null || file.themes() == null || file.themes().isEmpty()) {
        throw new IllegalArgumentException("themes file " + path + " defines no themes");
      }
      return new ThemeCatalog(versionOf(bytes), file.themes());
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException && e.getMessage().startsWith("themes file")) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException("themes file " + path + " is not valid: " + e.getMessage(), e);
    }
  }

  /** The version of a themes file with these bytes. */
  public static String versionOf(byte[] fileBytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(fileBytes);
      return HexFormat.of().formatHex(digest).substring(0, VERSION_HEX_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
