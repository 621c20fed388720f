package thesiswatch.cli.bench;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a benchmark's work cost this JVM: the CPU time its threads spent from {@link #start()} to
 * {@link #report}, grouped by stage (the classifier, the dashboard, Kafka's clients, the broker,
 * the rest) by thread name, and the peak heap.
 */
final class StageCpu {

  /** Name prefix of the threads of a benchmark's own loopback HTTP server. */
  static final String LOOPBACK_SERVER = "bench-server";

  /** How often the threads are sampled, so that one which ends keeps its CPU in the sum. */
  private static final Duration SAMPLE = Duration.ofMillis(200);

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> before = new HashMap<>();
  private final Map<Long, Spent> latest = new HashMap<>();
  private final Thread sampler;
  private volatile boolean sampling = true;

  /** A thread's CPU time when last seen alive, and its name. */
  private record Spent(String name, long nanos) {}

  private final long processCpuAtStart = processCpuNanos();
  private final long compilingAtStart = compilingMillis();
  private final long wallAtStart = System.nanoTime();

  private StageCpu() {
    sample();
    latest.forEach((id, spent) -> before.put(id, spent.nanos()));
    sampler = new Thread(this::sampleUntilReported, "bench-cpu-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /**
   * Takes the threads' CPU times now, the baseline of {@link #report}, and keeps sampling them
   * until then: threads that end in between (a replay's, a backfill's, Kafka clients closed on the
   * way) count up to their last sample.
   */
  static StageCpu start() {
    return new StageCpu();
  }

  /** CPU spent by stage since {@link #start()}, in nanoseconds; stops the sampling. */
  Map<String, Long> since() {
    sampling = false;
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
    Map<String, Long> stages = new TreeMap<>();
    latest.forEach(
        (id, spent) ->
            stages.merge(
                stage(spent.name()), spent.nanos() - before.getOrDefault(id, 0L), Long::sum));
    return stages;
  }

  /**
   * Prints the CPU per article of each stage over {@code articles}; then what the JVM's own
   * compiler threads, which no stage's count can see, and the whole process spent in the same time;
   * then the peak heap.
   */
  void report(PrintStream out, long articles) {
    since()
        .forEach(
            (stage, nanos) ->
                out.printf("cpu %s: %.3f ms per article%n", stage, nanos / 1e6 / articles));
    if (compilingAtStart >= 0) {
      long compiling = compilingMillis() - compilingAtStart;
      out.printf(
          "cpu jit compilers: %.3f ms per article (%.1f s compiling, in none of the stages"
              + " above)%n",
          (double) compiling / articles, compiling / 1e3);
    }
    if (processCpuAtStart >= 0) {
      long process = processCpuNanos() - processCpuAtStart;
      double wall = (System.nanoTime() - wallAtStart) / 1e9;
      out.printf(
          "cpu whole process: %.3f ms per article (%.1f s in %.1f s: %.2f of %d cores busy)%n",
          process / 1e6 / articles,
          process / 1e9,
          wall,
          process / 1e9 / wall,
          Runtime.getRuntime().availableProcessors());
    }
    out.printf("peak heap: %,d MiB%n", peakHeapBytes() / (1024 * 1024));
  }

  /** The process's CPU time so far, or -1 where the JVM does not tell it. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /** Time HotSpot's compilers have spent so far, or -1 where the JVM does not tell it. */
  private static long compilingMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : -1;
  }

  private void sampleUntilReported() {
    while (sampling) {
      sample();
      try {
        Thread.sleep(SAMPLE.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sample() {
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        latest.put(info.getThreadId(), new Spent(info.getThreadName(), nanos));
      }
    }
  }

  /** The stage a thread works for, by the names the services and Kafka give their threads. */
  static String stage(String thread) {
    if (thread.startsWith("classifier")) {
      return "classifier";
    }
    if (thread.startsWith("dashboard")) {
      return "dashboard";
    }
    if (thread.startsWith("ingest")) {
      return "ingest";
    }
    if (thread.startsWith("backfill")) {
      return "backfill";
    }
    if (thread.startsWith(LOOPBACK_SERVER)) {
      return "loopback server (the benchmark's archive or feed)";
    }
    if (thread.startsWith("kafka-producer")
        || thread.startsWith("kafka-coordinator")
        || thread.contains("Consumer")
        || thread.contains("consumer")) {
      return "kafka clients";
    }
    if (thread.startsWith("data-plane")
        || thread.startsWith("kafka")
        || thread.startsWith("quorum")
        || thread.startsWith("broker")
        || thread.contains("ReplicaFetcher")
        || thread.contains("log-cleaner")
        || thread.startsWith("ExpirationReaper")
        || thread.startsWith("group-coordinator")
        || thread.startsWith("transaction")) {
      return "broker";
    }
    return "other (JVM, GC, HTTP, metrics)";
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
