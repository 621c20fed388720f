package thesiswatch.classifier.themes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import thesiswatch.common.ThemesFile;

/**
 * Notices changes of a themes file by its content hash (not its modification time, which editors
 * and copies do not keep reliably). Each changed content is checked once: a valid file is accepted,
 * an invalid one refused, and the same bad content is not reported again. Not thread-safe: one
 * caller checks.
 */
public final class ThemesWatcher {

  /** What changed. */
  public sealed interface Change permits Accepted, Refused {}

  /**
   * The file now holds a valid theme set.
   *
   * @param themes the new set
   */
  public record Accepted(ThemeSet themes) implements Change {}

  /**
   * The file now holds content that is not a valid theme set; the old set stays.
   *
   * @param version the hash of the refused content
   * @param reason the loader's message, naming the file and the problem
   */
  public record Refused(String version, String reason) implements Change {}

  private final Path file;
  private String lastSeen;

  /** Watches {@code file}, whose content {@code currentVersion} is already in use. */
  public ThemesWatcher(Path file, String currentVersion) {
    this.file = file;
    this.lastSeen = currentVersion;
  }

  /** Reads the file; a change when its content differs from the last content seen. */
  public Optional<Change> check() {
    byte[] bytes;
    try {
      bytes = ThemesFile.bytes(file);
    } catch (IOException | IllegalArgumentException e) {
      String reason =
          e instanceof IOException ? "cannot read themes file " + file + ": " + e : e.getMessage();
      if (reason.equals(lastSeen)) {
        return Optional.empty();
      }
      lastSeen = reason;
      return Optional.of(new Refused("unreadable", reason));
    }
    String version = ThemesFile.versionOf(bytes);
    if (version.equals(lastSeen)) {
      return Optional.empty();
    }
    lastSeen = version;
    try {
      return Optional.of(new Accepted(ThemeSet.parse(bytes, file.toString())));
    } catch (IllegalArgumentException e) {
      return Optional.of(new Refused(version, e.getMessage()));
    }
  }
}
