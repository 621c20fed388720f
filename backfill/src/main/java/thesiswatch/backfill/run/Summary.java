package thesiswatch.backfill.run;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a run got.
 *
 * @param kind the source kind
 * @param total steps the run set out to do
 * @param done steps done
 * @param articles articles published (new stories, and copies merged into stories of other feeds)
 * @param alreadySeen items skipped because an earlier step or run had published them
 * @param problems unusable steps by classified kind, planning included
 * @param elapsed time since the first step
 * @param stopped why the run stopped early, or null when it finished
 */
public record Summary(
    String kind,
    long total,
    long done,
    long articles,
    long alreadySeen,
    Map<String, Long> problems,
    Duration elapsed,
    String stopped) {

  public Summary {
    problems = Map.copyOf(problems);
  }

  /** Problems counted in all. */
  public long problemCount() {
    return problems.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line for stderr and logs. */
  public String line() {
    StringBuilder out =
        new StringBuilder("backfill ")
            .append(kind)
            .append(stopped == null ? ": done" : ": stopped")
            .append(" in ")
            .append(ProgressBar.duration(elapsed))
            .append(" — ")
            .append(done)
            .append(" of ")
            .append(total)
            .append(kind.equals("archive") ? " captures, " : " records, ")
            .append(articles)
            .append(" articles published, ")
            .append(alreadySeen)
            .append(" items already published, ")
            .append(problemCount())
            .append(problemCount() == 1 ? " problem" : " problems");
    if (!problems.isEmpty()) {
      out.append(" (");
      new TreeMap<>(problems).forEach((k, v) -> out.append(k).append(' ').append(v).append(", "));
      out.setLength(out.length() - 2);
      out.append(')');
    }
    if (stopped != null) {
      out.append(System.lineSeparator()).append(stopped);
    }
    return out.toString();
  }
}
