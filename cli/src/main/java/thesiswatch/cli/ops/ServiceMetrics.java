package thesiswatch.cli.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.NamingConvention;
import java.util.regex.Pattern;

/**
 * What every service's registry shares: JVM and process metrics, and an exposition that
 * Prometheus's own linter ({@code promtool check metrics}) accepts for meters we do not name
 * ourselves — the JVM binders' and Kafka's client metrics. Meters counted in nanoseconds or
 * milliseconds ({@code kafka.consumer.io.time.ns.total}) are dropped: Prometheus wants seconds, and
 * a filter can rename a meter but not rescale it. A trailing {@code .count} (reserved for
 * histograms) becomes {@code .number} in the exposition only, by the naming convention: renamed by
 * a filter, the meter's id no longer had the name Micrometer's Kafka binder looks it up by, so the
 * binder's refresh registered it again every minute (a WARN in the log) and could not remove it. A
 * meter without a description is described by its name.
 */
public final class ServiceMetrics {

  /** A name part that is a unit other than seconds, which promtool refuses. */
  private static final Pattern NOT_SECONDS = Pattern.compile("(^|\\.)(ns|us|ms|sec)(\\.|$)");

  /** promtool reserves a trailing {@code _count} for histograms and summaries. */
  private static final String COUNT_SUFFIX = ".count";

  private ServiceMetrics() {}

  /**
   * Sets the naming rules on {@code registry}, then binds memory, GC, threads, class loading, CPU
   * and uptime.
   */
  @SuppressWarnings("resource") // JvmGcMetrics lives as long as the process
  public static void bindTo(MeterRegistry registry) {
    registry.config().meterFilter(MeterFilter.deny(id -> !kept(id.getName(), id.getBaseUnit())));
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                String description =
                    id.getDescription() == null || id.getDescription().isBlank()
                        ? lintSafe(id.getName())
                        : id.getDescription();
                return new Meter.Id(
                    id.getName(),
                    Tags.of(id.getTagsAsIterable()),
                    id.getBaseUnit(),
                    description,
                    id.getType());
              }
            });
    NamingConvention exposition = registry.config().namingConvention();
    registry
        .config()
        .namingConvention(
            new NamingConvention() {
              @Override
              public String name(String name, Meter.Type type, String baseUnit) {
                return exposition.name(lintSafe(name), type, baseUnit);
              }

              @Override
              public String tagKey(String key) {
                return exposition.tagKey(key);
              }

              @Override
              public String tagValue(String value) {
                return exposition.tagValue(value);
              }
            });
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /**
   * Whether a meter is kept: not counted in a unit other than seconds, by its name or its base
   * unit.
   */
  static boolean kept(String name, String baseUnit) {
    return !NOT_SECONDS.matcher(name).find()
        && (baseUnit == null || !NOT_SECONDS.matcher(baseUnit).find());
  }

  /** {@code name} with a trailing {@code .count} made {@code .number}. */
  static String lintSafe(String name) {
    return name.endsWith(COUNT_SUFFIX)
        ? name.substring(0, name.length() - COUNT_SUFFIX.length()) + ".number"
        : name;
  }
}
