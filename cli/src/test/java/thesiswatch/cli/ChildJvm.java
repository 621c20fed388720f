package thesiswatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line in a child JVM, for the tests that kill, restart or signal a service as a user's
 * process would be. The child runs with the test JVM's own JIT and GC flags (the build's {@code
 * test.jvm.flags}, passed as the {@code thesiswatch.test.jvmFlags} property): short-lived test
 * processes spend much of their CPU compiling, and two cores run the whole suite.
 */
final class ChildJvm {

  private ChildJvm() {}

  /** {@code java [the build's flags] [options] -cp CLASS_PATH Main ARGUMENTS}. */
  static ProcessBuilder thesiswatch(String classPath, List<String> options, String... arguments) {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String flags = System.getProperty("thesiswatch.test.jvmFlags", "").strip();
    if (!flags.isEmpty()) {
      line.addAll(Arrays.asList(flags.split("\\s+")));
    }
    line.addAll(options);
    line.add("-cp");
    line.add(classPath);
    line.add(Main.class.getName());
    line.addAll(Arrays.asList(arguments));
    return new ProcessBuilder(line);
  }

  /** The same, on the test JVM's class path. */
  static ProcessBuilder thesiswatch(List<String> options, String... arguments) {
    return thesiswatch(System.getProperty("java.class.path"), options, arguments);
  }
}
