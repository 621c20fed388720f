package thesiswatch.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A themes file ({@code seeds/themes.yml}) read once: where it came from, its version and its YAML
 * tree. The one reader of the file: the dashboard's {@link ThemeCatalog} and the classifier's
 * strict theme set both interpret this tree, so both see the same bytes under the same version.
 *
 * @param source what messages call the file (its path)
 * @param version {@link #versionOf the hash of its bytes}: changes whenever the file does
 * @param root the YAML document, never null
 */
public record ThemesFile(String source, String version, JsonNode root) {

  /** Characters of the SHA-256 hex digest used as the version. */
  private static final int VERSION_HEX_LENGTH = 12;

  /**
   * Most bytes a themes file may have: more than the YAML reader's own limit of 3,145,728 code
   * points can fill, so that a file copied over it by mistake is refused without being read whole.
   */
  public static final int MAX_BYTES = 16 << 20;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * Reads the themes file at {@code path}.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when it is not YAML, naming the file
   */
  public static ThemesFile read(Path path) {
    byte[] bytes;
    try {
      bytes = bytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read themes file " + path, e);
    }
    return parse(bytes, path.toString());
  }

  /**
   * The content of the themes file at {@code path}, read no further than {@link #MAX_BYTES}.
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException when it is larger, naming the file
   */
  public static byte[] bytes(Path path) throws IOException {
    return BoundedFiles.read(path, MAX_BYTES, "themes file");
  }

  /**
   * Reads a themes file's {@code bytes}; {@code source} names it in messages.
   *
   * @throws IllegalArgumentException when they are not YAML, naming the source
   */
  public static ThemesFile parse(byte[] bytes, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "themes file " + source + " is not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read themes file " + source, e);
    }
    return new ThemesFile(source, versionOf(bytes), root == null ? YAML.missingNode() : root);
  }

  /** The version of a themes file with these bytes. */
  public static String versionOf(byte[] fileBytes) {
    return Hashes.sha256Hex(fileBytes).substring(0, VERSION_HEX_LENGTH);
  }

  /** A problem with this file, worded as every themes-file message is: "themes file SOURCE…". */
  public IllegalArgumentException problem(String problem) {
    return new IllegalArgumentException("themes file " + source + problem);
  }
}
