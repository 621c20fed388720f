package thesiswatch.dashboard.http;

import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's route table: every route it serves, with what its OpenAPI 3 document says about
 * it. Routes are registered from this table only, and {@code /api/openapi.json} is built from it,
 * so the document cannot name a route that is not served nor miss one that is.
 */
final class ApiRoutes {

  /** The OpenAPI version the document follows. */
  static final String OPENAPI_VERSION = "3.0.3";

  /**
   * One route.
   *
   * @param path the path, with {@code {name}} for a path parameter (Javalin's and OpenAPI's form)
   * @param summary one line for the document
   * @param parameters names of the query parameters it reads (see {@link #PARAMETERS})
   * @param contentType what a 200 answers with
   * @param handler what answers
   */
  record Route(
      String path, String summary, List<String> parameters, String contentType, Handler handler) {}

  /** Query parameters the routes share: name → {description, schema}. */
  static final Map<String, Map<String, Object>> PARAMETERS = new LinkedHashMap<>();

  static {
    parameter(
        "q",
        "Search words in the simple query syntax: \"phrases\", \"near words\"~N, -exclude,"
            + " a|b (or OR, AND, NOT), prefix*, fuzzy~N.",
        string());
    parameter(
        "theme", "A theme id of /api/themes; an unknown one is a 400 naming the known.", string());
    parameter(
        "stance",
        "Only articles with this stance towards the theme's claim.",
        enumOf("supports", "challenges", "neutral"));
    parameter(
        "lang",
        "A language code (en, zh, or one present in /api/sources); an unknown one is a 400 naming"
            + " the known.",
        string());
    parameter(
        "source",
        "A source name as /api/sources lists it; an unknown one is a 400 naming the known.",
        string());
    parameter(
        "from",
        "Start (inclusive): an ISO-8601 instant, or a date such as 2025-02-10 (midnight in tz).",
        string());
    parameter("to", "End (exclusive): an ISO-8601 instant, or a date (midnight in tz).", string());
    parameter(
        "tz",
        "The time zone whose days and weeks dates, buckets and windows are made of: an IANA id"
            + " such as Asia/Shanghai; UTC when absent.",
        string());
    parameter("interval", "Bucket width.", enumOf("hour", "day", "week"));
    parameter("sort", "Result order.", enumOf("newest", "relevance"));
    parameter("limit", "At most this many items.", Map.of("type", "integer", "minimum", 1));
    parameter("cursor", "The nextCursor of the previous page.", string());
  }

  private ApiRoutes() {}

  private static void parameter(String name, String description, Map<String, Object> schema) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("name", name);
    spec.put("in", "query");
    spec.put("required", false);
    spec.put("description", description);
    spec.put("schema", schema);
    PARAMETERS.put(name, spec);
  }

  private static Map<String, Object> string() {
    return Map.of("type", "string");
  }

  private static Map<String, Object> enumOf(String... values) {
    return Map.of("type", "string", "enum", List.of(values));
  }

  /** The OpenAPI 3 document of {@code routes}. */
  static Map<String, Object> openApi(List<Route> routes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", OPENAPI_VERSION);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("title", "thesiswatch dashboard API");
    info.put("version", "1");
    info.put(
        "description",
        "Read-only JSON API of the thesiswatch dashboard: themes, trends, articles, the scorecard,"
            + " alerts, feed health and a Server-Sent Events stream. Every route answers GET only"
            + " (another method is a 405 with Allow); bad input (a malformed value, a parameter"
            + " given twice or one the route does not take) is a 400"
            + " {\"error\": kind, \"detail\": text}.");
    doc.put("info", info);
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Route route : routes) {
      Map<String, Object> get = new LinkedHashMap<>();
      get.put("summary", route.summary());
      get.put("operationId", operationId(route.path()));
      List<Object> parameters = new ArrayList<>();
      if (route.path().contains("{theme}")) {
        parameters.add(
            Map.of(
                "name",
                "theme",
                "in",
                "path",
                "required",
                true,
                "description",
                "A theme id of /api/themes.",
                "schema",
                string()));
      }
      for (String name : route.parameters()) {
        Map<String, Object> spec = PARAMETERS.get(name);
        if (spec == null) {
          throw new IllegalStateException("route " + route.path() + ": undocumented " + name);
        }
        parameters.add(spec);
      }
      if (!parameters.isEmpty()) {
        get.put("parameters", parameters);
      }
      Map<String, Object> responses = new LinkedHashMap<>();
      responses.put(
          "200", Map.of("description", "OK", "content", Map.of(route.contentType(), Map.of())));
      if (route.path().startsWith("/api/")) {
        responses.put("400", errorResponse("Bad input; the detail names the parameter."));
        responses.put("503", errorResponse("Busy; retry after Retry-After seconds."));
      }
      responses.put("405", Map.of("description", "Another method than GET (Allow: GET)."));
      get.put("responses", responses);
      paths.put(route.path(), Map.of("get", get));
    }
    doc.put("paths", paths);
    doc.put(
        "components",
        Map.of(
            "schemas",
            Map.of(
                "Error",
                Map.of(
                    "type",
                    "object",
                    "required",
                    List.of("error", "detail"),
                    "properties",
                    Map.of(
                        "error",
                        Map.of("type", "string", "description", "a stable kind"),
                        "detail",
                        Map.of("type", "string"))))));
    return doc;
  }

  private static Map<String, Object> errorResponse(String description) {
    return Map.of(
        "description",
        description,
        "content",
        Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
  }

  /** E.g. {@code /api/scorecard/{theme}} → {@code getApiScorecardTheme}. */
  static String operationId(String path) {
    StringBuilder id = new StringBuilder("get");
    for (String part : path.split("[/{}.]+")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return id.toString();
  }
}
