package thesiswatch.cli.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a benchmark's work cost this JVM: the CPU time its threads spent from {@link #start()} to
 * {@link #report}, grouped by stage (the classifier, the dashboard, Kafka's clients, the broker,
 * the rest) by thread name, and the peak heap. Threads that ended in between are not counted, so
 * the services must still run when it reports.
 */
final class StageCpu {

  /** Name prefix of the threads of a benchmark's own loopback HTTP server. */
  static final String LOOPBACK_SERVER = "bench-server";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<String, Long> before;

  private StageCpu() {
    this.before = byStage();
  }

  /** Takes the threads' CPU times now, the baseline of {@link #report}. */
  static StageCpu start() {
    return new StageCpu();
  }

  /** CPU spent by stage since {@link #start()}, in nanoseconds. */
  Map<String, Long> since() {
    Map<String, Long> cpu = byStage();
    cpu.replaceAll((stage, nanos) -> nanos - before.getOrDefault(stage, 0L));
    return cpu;
  }

  /** Prints the CPU per article of each stage over {@code articles}, then the peak heap. */
  void report(PrintStream out, long articles) {
    since()
        .forEach(
            (stage, nanos) ->
                out.printf("cpu %s: %.3f ms per article%n", stage, nanos / 1e6 / articles));
    out.printf("peak heap: %,d MiB%n", peakHeapBytes() / (1024 * 1024));
  }

  private Map<String, Long> byStage() {
    Map<String, Long> stages = new TreeMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        stages.merge(stage(info.getThreadName()), nanos, Long::sum);
      }
    }
    return stages;
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
