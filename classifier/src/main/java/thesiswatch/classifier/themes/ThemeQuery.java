package thesiswatch.classifier.themes;

import java.util.Objects;
import org.apache.lucene.search.Query;

/**
 * One parsed query of a theme.
 *
 * @param id unique within the theme set: {@code <theme>/<role>/<language>/<index>}
 * @param themeId the theme it belongs to
 * @param role topic or stance
 * @param language the language it is written in ({@code zh} or {@code en})
 * @param text the query as written in the file
 * @param query the parsed Lucene query
 */
public record ThemeQuery(
    String id, String themeId, QueryRole role, String language, String text, Query query) {

  public ThemeQuery {
    Objects.requireNonNull(id, "query id must not be null");
    Objects.requireNonNull(themeId, "query theme id must not be null");
    Objects.requireNonNull(role, "query role must not be null");
    Objects.requireNonNull(language, "query language must not be null");
    Objects.requireNonNull(text, "query text must not be null");
    Objects.requireNonNull(query, "parsed query must not be null");
  }

  /** The id of the {@code index}-th query (from 0) of a theme's role and language. */
  public static String idOf(String themeId, QueryRole role, String language, int index) {
    return themeId + "/" + role.field() + "/" + language + "/" + index;
  }
}
