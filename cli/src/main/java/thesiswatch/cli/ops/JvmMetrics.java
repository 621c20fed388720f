package thesiswatch.cli.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;

/** The JVM and process metrics every service exposes. */
public final class JvmMetrics {

  private JvmMetrics() {}

  /**
   * Binds memory, GC, threads, class loading, CPU and uptime metrics to {@code registry}, named so
   * that Prometheus's own linter ({@code promtool check metrics}) accepts the exposition.
   */
  @SuppressWarnings("resource") // JvmGcMetrics lives as long as the process
  public static void bindTo(MeterRegistry registry) {
    registry.config()
        // "process_cpu_time_ns_total": promtool refuses abbreviated units; process_cpu_usage remains.
        .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
        // "system_cpu_count": promtool reserves _count for histograms and summaries.
        .meterFilter(new MeterFilter() {
          @Override
          public Meter.Id map(Meter.Id id) {
            return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
          }
        });
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }
}
