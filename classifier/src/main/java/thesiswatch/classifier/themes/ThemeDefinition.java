package thesiswatch.classifier.themes;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One theme of the themes file, every field checked, every query parsed.
 *
 * @param id stable id, e.g. {@code layoffs}
 * @param name names by language
 * @param claim the essay's claim by language ({@code zh} quotes the essay, {@code en} glosses it)
 * @param direction {@code rising} or {@code persisting}
 * @param defaultStance the stance when a topic query matches and no stance query does: one of
 *     {@link ThemeSet#STANCES}
 * @param queries the topic and stance queries, in file order
 */
public record ThemeDefinition(
    String id,
    Map<String, String> name,
    Map<String, String> claim,
    String direction,
    String defaultStance,
    List<ThemeQuery> queries) {

  public ThemeDefinition {
    Objects.requireNonNull(id, "theme id must not be null");
    name = Map.copyOf(name);
    claim = Map.copyOf(claim);
    Objects.requireNonNull(direction, "theme direction must not be null");
    if (!ThemeSet.STANCES.contains(defaultStance)) {
      throw new IllegalArgumentException(
          "default stance must be one of " + ThemeSet.STANCES + ", not " + defaultStance);
    }
    queries = List.copyOf(queries);
  }

  /** The queries of one role. */
  public List<ThemeQuery> queries(QueryRole role) {
    return queries.stream().filter(q -> q.role() == role).toList();
  }
}
