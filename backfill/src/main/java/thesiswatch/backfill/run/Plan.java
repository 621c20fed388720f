package thesiswatch.backfill.run;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import thesiswatch.common.BackfillState;

/**
 * What a run will do: its units with their state at the start, the steps left in order, and what a
 * dry run lists.
 *
 * @param units every feed or file of the run, as it stands before the first step
 * @param remaining steps left to do (the progress bar's total)
 * @param steps those steps, in order; read once
 * @param listing one line per step, for {@code --dry-run}
 * @param problems problems met while planning (e.g. a listing the archive refused), by kind
 */
public record Plan(
    List<BackfillState> units,
    long remaining,
    Iterator<Step> steps,
    List<String> listing,
    Map<String, Long> problems) {

  public Plan {
    units = List.copyOf(units);
    listing = List.copyOf(listing);
    problems = Map.copyOf(problems);
  }
}
