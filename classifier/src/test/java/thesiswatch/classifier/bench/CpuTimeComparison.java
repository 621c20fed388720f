package thesiswatch.classifier.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The contenders of {@link MatchingBenchmark} in one JVM, taking turns, each timed by the CPU time
 * of its own thread rather than the wall clock: on a machine other work shares, JMH's wall-clock
 * scores swing with that work, while turns measured in CPU time keep the ratios between the
 * contenders steady. Prints headlines per CPU-second per contender, the median of the later half of
 * the rounds (the earlier half warms the JIT).
 *
 * <p>Usage: {@code CpuTimeComparison [rounds=10] [scale=1]}; a main method, not a test.
 */
public final class CpuTimeComparison {

  private static final long TURN_NANOS = 2_000_000_000L;

  private CpuTimeComparison() {}

  /** Runs the comparison; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    MatchingBenchmark bench = new MatchingBenchmark();
    bench.scale = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    bench.setUp();
    Blackhole sink =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is"
                + " dangerous.");
    Map<String, Contender> contenders = new LinkedHashMap<>();
    contenders.put("smartcnTokenisationOnly", bench::smartcnTokenisationOnly);
    contenders.put("monitorOneAtATime", bench::monitorOneAtATime);
    contenders.put("monitorBatched", bench::monitorBatched);
    contenders.put("bareMonitorFiveQueries", bench::bareMonitorFiveQueries);
    contenders.put("naiveMemoryIndex", bench::naiveMemoryIndex);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, double[]> rates = new LinkedHashMap<>();
    contenders.keySet().forEach(name -> rates.put(name, new double[rounds]));
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, Contender> contender : contenders.entrySet()) {
        long start = threads.getCurrentThreadCpuTime();
        long headlines = 0;
        while (threads.getCurrentThreadCpuTime() - start < TURN_NANOS) {
          contender.getValue().run(sink);
          headlines += MatchingBenchmark.HEADLINES;
        }
        rates.get(contender.getKey())[round] =
            headlines / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
      }
    }
    bench.tearDown();
    System.out.printf(
        "scale %d, %d rounds of %d CPU-seconds per contender%n",
        bench.scale, rounds, TURN_NANOS / 1_000_000_000L);
    double ceiling = median(rates.get("smartcnTokenisationOnly"));
    rates.forEach(
        (name, perRound) ->
            System.out.printf(
                "%-24s %8.0f headlines/CPU-s  %5.1f%% of SmartCN  rounds %s%n",
                name,
                median(perRound),
                100 * median(perRound) / ceiling,
                Arrays.toString(Arrays.stream(perRound).mapToLong(Math::round).toArray())));
  }

  private static double median(double[] perRound) {
    double[] later = Arrays.copyOfRange(perRound, perRound.length / 2, perRound.length);
    Arrays.sort(later);
    return later[later.length / 2];
  }

  @FunctionalInterface
  private interface Contender {
    void run(Blackhole sink) throws Exception;
  }
}
