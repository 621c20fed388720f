package thesiswatch.classifier.themes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import thesiswatch.classifier.analysis.Analyzers;
import thesiswatch.classifier.analysis.ThemeQueryParser;
import thesiswatch.common.Languages;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.common.ThemeMatch;
import thesiswatch.common.ThemesFile;

/**
 * A themes file read strictly: the shape {@link ThemeCatalog} reads for the dashboard, plus the
 * queries, each parsed. Anything wrong is refused with a message naming the file, the theme and the
 * problem, so a user editing the file sees exactly what to fix; so is a file over the {@link
 * QueryLimits}.
 *
 * <pre>
 * themes:
 *   - id: layoffs                       # lowercase letters, digits, _; unique
 *     name: {zh: 裁员, en: Layoffs}
 *     claim: {zh: "quote from the essay", en: "English gloss"}
 *     direction: rising                 # rising | persisting
 *     default_stance: supports          # optional, supports | challenges | neutral (default):
 *                                       #   the stance when no stance query matches
 *     note: "optional free text: what the theme covers and why the queries look as they do"
 *     test: {...}                       # optional: the claim's pre-registered test (common ClaimTest)
 *     queries: {zh: [...], en: [...]}   # Lucene classic syntax; at least one per language
 *     supports: {zh: [...], en: [...]}  # optional per language: the article bears the claim out
 *     challenges: {zh: [...], en: [...]}# optional per language: the article goes against it
 *     denials: {zh: [...], en: [...]}   # optional per language: a denial; challenges, whatever else
 *     neutral: {zh: [...], en: [...]}   # optional per language: explainers, talk without an outcome
 * </pre>
 *
 * <p>How the stance roles combine is {@code thesiswatch.classifier.match.StanceRule}'s one rule.
 *
 * @param version {@link ThemesFile#version the file's version}, as the dashboard sees it
 * @param themes the themes in file order
 */
public record ThemeSet(String version, List<ThemeDefinition> themes) {

  /** Fields a theme may have. */
  public static final List<String> THEME_FIELDS =
      List.of(
          "id",
          "name",
          "claim",
          "direction",
          "default_stance",
          "note",
          "test",
          "queries",
          "supports",
          "challenges",
          "denials",
          "neutral");

  /** Stances an article may take towards a claim (and a theme's {@code default_stance}). */
  public static final List<String> STANCES =
      List.of(ThemeMatch.SUPPORTS, ThemeMatch.CHALLENGES, ThemeMatch.NEUTRAL);

  /** Directions the essay may predict. */
  public static final List<String> DIRECTIONS = List.of("rising", "persisting");

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

  public ThemeSet {
    themes = List.copyOf(themes);
  }

  /** Every query of every theme. */
  public List<ThemeQuery> queries() {
    return themes.stream().flatMap(t -> t.queries().stream()).toList();
  }

  /**
   * Reads and checks the themes file at {@code path}.
   *
   * @throws IllegalArgumentException naming the file and the first problem found
   * @throws UncheckedIOException when the file cannot be read
   */
  public static ThemeSet load(Path path) {
    return of(ThemesFile.read(path));
  }

  /**
   * Checks a themes file's {@code bytes}; {@code source} names it in messages.
   *
   * @throws IllegalArgumentException naming the source and the first problem found
   */
  public static ThemeSet parse(byte[] bytes, String source) {
    return of(ThemesFile.parse(bytes, source));
  }

  /**
   * Checks the themes file {@code file} as read.
   *
   * @throws IllegalArgumentException naming the file and the first problem found
   */
  public static ThemeSet of(ThemesFile file) {
    ThemeSet themes = new Reader(file).read();
    // The descriptive part (claims and their pre-registered tests) is checked by its one reader.
    ThemeCatalog.of(file);
    return themes;
  }

  /** Walks the YAML tree; every message starts with "themes file SOURCE". */
  private static final class Reader {
    private final ThemesFile file;
    private final Analyzer analyzer = Analyzers.perField();

    Reader(ThemesFile file) {
      this.file = file;
    }

    ThemeSet read() {
      JsonNode root = file.root();
      if (!root.isObject()) {
        throw fail(" must be a mapping with a 'themes' list");
      }
      for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.equals("themes")) {
          throw fail(": unknown top-level field '" + name + "' (allowed: themes)");
        }
      }
      JsonNode list = root.get("themes");
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw fail(" defines no themes");
      }
      List<ThemeDefinition> themes = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        ThemeDefinition theme = theme(list.get(i), i + 1);
        if (!ids.add(theme.id())) {
          throw fail(": duplicate theme id '" + theme.id() + "'");
        }
        themes.add(theme);
      }
      String tooCostly = QueryLimits.checkSet(themes);
      if (tooCostly != null) {
        throw fail(tooCostly);
      }
      return new ThemeSet(file.version(), themes);
    }

    private ThemeDefinition theme(JsonNode node, int number) {
      if (!node.isObject()) {
        throw fail(": theme #" + number + " is not a mapping");
      }
      JsonNode idNode = node.get("id");
      if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
        throw fail(": theme #" + number + " has no id");
      }
      String id = idNode.asText();
      String where = ": theme '" + id + "'";
      if (!ID.matcher(id).matches()) {
        throw fail(where + ": id must be lowercase letters, digits and _, starting with a letter");
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!THEME_FIELDS.contains(name)) {
          throw fail(
              where
                  + ": unknown field '"
                  + name
                  + "' (allowed: "
                  + String.join(", ", THEME_FIELDS)
                  + ")");
        }
      }
      Map<String, String> name = texts(node, "name", where);
      Map<String, String> claim = texts(node, "claim", where);
      String direction = node.path("direction").asText("");
      if (!DIRECTIONS.contains(direction)) {
        throw fail(where + ": direction must be rising or persisting, not '" + direction + "'");
      }
      String defaultStance = defaultStance(node, where);
      if (node.has("note") && !node.get("note").isTextual()) {
        throw fail(where + ": note must be text");
      }
      List<ThemeQuery> queries = new ArrayList<>();
      for (QueryRole role : QueryRole.values()) {
        queries.addAll(queries(node, id, role, where));
      }
      return new ThemeDefinition(id, name, claim, direction, defaultStance, queries);
    }

    /** {@code default_stance}: optional, neutral when absent. */
    private String defaultStance(JsonNode theme, String where) {
      JsonNode node = theme.get("default_stance");
      if (node == null) {
        return ThemeMatch.NEUTRAL;
      }
      String stance = node.isTextual() ? node.asText() : node.toString();
      if (!node.isTextual() || !STANCES.contains(stance)) {
        throw fail(
            where
                + ": default_stance must be one of "
                + String.join(", ", STANCES)
                + ", not '"
                + stance
                + "'");
      }
      return stance;
    }

    /** A {zh: text, en: text} field; both languages are required. */
    private Map<String, String> texts(JsonNode theme, String field, String where) {
      JsonNode node = theme.get(field);
      if (node == null || !node.isObject()) {
        throw fail(where + ": " + field + " must be a mapping {zh: ..., en: ...}");
      }
      Map<String, String> result = new LinkedHashMap<>();
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String language = names.next();
        if (!Languages.ALL.contains(language)) {
          throw fail(
              where + ": unknown language '" + language + "' in " + field + " (allowed: zh, en)");
        }
      }
      for (String language : Languages.ALL) {
        JsonNode text = node.get(language);
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
          throw fail(where + ": " + field + "." + language + " must be non-blank text");
        }
        result.put(language, text.asText());
      }
      return result;
    }

    private List<ThemeQuery> queries(JsonNode theme, String id, QueryRole role, String where) {
      JsonNode node = theme.get(role.field());
      boolean required = role == QueryRole.TOPIC;
      if (node == null && !required) {
        return List.of();
      }
      if (node == null || !node.isObject()) {
        throw fail(where + ": " + role.field() + " must be a mapping {zh: [...], en: [...]}");
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String language = names.next();
        if (!Languages.ALL.contains(language)) {
          throw fail(
              where
                  + ": unknown language '"
                  + language
                  + "' in "
                  + role.field()
                  + " (allowed: zh, en)");
        }
      }
      List<ThemeQuery> result = new ArrayList<>();
      for (String language : Languages.ALL) {
        JsonNode list = node.get(language);
        String field = role.field() + "." + language;
        if (list == null || list.isNull()) {
          if (required) {
            throw fail(where + ": no query for language '" + language + "' in " + role.field());
          }
          continue;
        }
        if (!list.isArray()) {
          throw fail(where + ": " + field + " must be a list of query strings");
        }
        if (required && list.isEmpty()) {
          throw fail(where + ": no query for language '" + language + "' in " + role.field());
        }
        for (int i = 0; i < list.size(); i++) {
          JsonNode item = list.get(i);
          if (!item.isTextual() || item.asText().isBlank()) {
            throw fail(
                where + ": " + field + " item " + (i + 1) + " must be a non-blank query string");
          }
          String text = item.asText();
          result.add(
              new ThemeQuery(
                  ThemeQuery.idOf(id, role, language, i),
                  id,
                  role,
                  language,
                  text,
                  parse(language, text, field, where)));
        }
      }
      return result;
    }

    private Query parse(String language, String text, String field, String where) {
      String tooLarge = QueryLimits.checkText(text);
      if (tooLarge != null) {
        throw fail(where + ": query " + QueryLimits.quote(text) + " (" + field + ") " + tooLarge);
      }
      Query query;
      try {
        query = ThemeQueryParser.parse(language, text, analyzer);
      } catch (ParseException | RuntimeException e) {
        String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        throw fail(where + ": query '" + text + "' (" + field + ") does not parse: " + reason);
      }
      if (query == null || query instanceof MatchNoDocsQuery || isEmpty(query)) {
        throw fail(where + ": query '" + text + "' (" + field + ") has no searchable term");
      }
      if (purelyNegative(query)) {
        throw fail(
            where
                + ": query '"
                + text
                + "' ("
                + field
                + ") is purely negative: it only excludes, so it can match nothing");
      }
      String tooCostly = QueryLimits.cost(query).problem();
      if (tooCostly != null) {
        throw fail(where + ": query " + QueryLimits.quote(text) + " (" + field + ") " + tooCostly);
      }
      return query;
    }

    private IllegalArgumentException fail(String problem) {
      return file.problem(problem);
    }
  }

  private static boolean isEmpty(Query query) {
    return query instanceof BooleanQuery bq && bq.clauses().isEmpty();
  }

  /** Whether {@code query}, or any group in it, has only prohibited clauses. */
  static boolean purelyNegative(Query query) {
    if (!(query instanceof BooleanQuery bq)) {
      return false;
    }
    boolean positive = false;
    for (BooleanClause clause : bq.clauses()) {
      if (clause.getOccur() != BooleanClause.Occur.MUST_NOT) {
        positive = true;
      }
      if (purelyNegative(clause.getQuery())) {
        return true;
      }
    }
    return !positive;
  }
}
