package thesiswatch.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.Reclassify;

/** {@code thesiswatch reclassify}: replay every article through the current themes. */
@Command(
    name = "reclassify",
    mixinStandardHelpOptions = true,
    description =
        "Replay the articles topic from the beginning through the current themes; the dashboard"
            + " keeps the newest tags.")
final class ReclassifyCommand implements Callable<Integer> {

  @Mixin BrokerOptions brokerOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, String> variables = new HashMap<>(System.getenv());
    Addresses.Chosen broker = brokerOptions.broker(variables.get("KAFKA_BOOTSTRAP_SERVERS"));
    spec.commandLine().getErr().println("thesiswatch reclassify: " + broker.describe("kafka"));
    variables.put("KAFKA_BOOTSTRAP_SERVERS", broker.value());
    long count = Reclassify.run(ClassifierConfig.from(ServiceCommand.environment(variables)));
    spec.commandLine().getOut().println("reclassified " + count + " articles");
    return 0;
  }
}
