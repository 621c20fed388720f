package thesiswatch.cli;

import java.nio.file.Path;

/**
 * Where the bundled {@code seeds/} live: {@code THESISWATCH_HOME} (set by the {@code ./thesiswatch}
 * script to the repository root, and by the Docker image), else the working directory.
 */
final class Home {

  private Home() {}

  static Path dir() {
    String home = System.getenv("THESISWATCH_HOME");
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  static Path seeds() {
    return dir().resolve("seeds");
  }

  /** {@code variable}'s value if set, else {@code seeds/<file>} under the home directory. */
  static String seedFile(String variable, String file) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? seeds().resolve(file).toString() : value;
  }
}
