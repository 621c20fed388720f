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
 * @param queries the topic, supporting and challenging queries, in file order
 */
public record ThemeDefinition(
    String id,
    Map<String, String> name,
    Map<String, String> claim,
    String direction,
    List<ThemeQuery> queries) {

  public ThemeDefinition {
    Objects.requireNonNull(id, "theme id must not be null");
    name = Map.copyOf(name);
    claim = Map.copyOf(claim);
    Objects.requireNonNull(direction, "theme direction must not be null");
    queries = List.copyOf(queries);
  }

  /** The queries of one role. */
  public List<ThemeQuery> queries(QueryRole role) {
    return queries.stream().filter(q -> q.role() == role).toList();
  }
}
