package thesiswatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.Reclassify;

/** {@code thesiswatch reclassify}: replay every article through the current themes. */
@Command(
    name = "reclassify",
    description =
        "Replay the articles topic from the beginning through the current themes; the dashboard"
            + " keeps the newest tags.")
final class ReclassifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    long count = Reclassify.run(ClassifierConfig.from(ServiceCommand.environment()));
    spec.commandLine().getOut().println("reclassified " + count + " articles");
    return 0;
  }
}
