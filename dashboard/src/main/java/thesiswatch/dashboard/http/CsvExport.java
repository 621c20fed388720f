package thesiswatch.dashboard.http;

import java.util.List;
import java.util.stream.Collectors;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.IndexedArticle;
import thesiswatch.dashboard.index.SearchPage;
import thesiswatch.dashboard.index.SearchRequest;

/**
 * Search results as CSV (RFC 4180), safe to open in a spreadsheet: a cell that starts with {@code =
 * + - @}, a tab, a carriage return or NUL gets a leading {@code '} so that it is never run as a
 * formula. Starts with a UTF-8 byte order mark so that spreadsheets read Chinese right.
 */
final class CsvExport {

  /** Most rows one export holds. */
  static final int MAX_ROWS = 10_000;

  private static final List<String> HEADER =
      List.of(
          "id",
          "time",
          "published",
          "lang",
          "source",
          "title",
          "link",
          "themes",
          "stances",
          "matched");

  private CsvExport() {}

  /** Up to {@code rows} results of {@code request}, paged through the index. */
  static String write(ArticleIndex index, SearchRequest request, int rows) {
    StringBuilder csv = new StringBuilder("\uFEFF");
    line(csv, HEADER);
    int written = 0;
    SearchRequest page = request;
    while (written < rows) {
      SearchPage result = index.search(page);
      for (SearchPage.Hit hit : result.hits()) {
        if (written++ >= rows) {
          break;
        }
        line(csv, row(hit.article()));
      }
      if (result.nextCursor() == null) {
        break;
      }
      page =
          new SearchRequest(
              request.text(),
              request.filter(),
              request.limit(),
              result.nextCursor(),
              request.order());
    }
    return csv.toString();
  }

  private static List<String> row(IndexedArticle indexed) {
    TaggedArticle a = indexed.article();
    return List.of(
        a.id(),
        a.effectiveTime().toString(),
        a.published() == null ? "" : a.published().toString(),
        indexed.lang(),
        indexed.source(),
        a.title(),
        a.link() == null ? "" : a.link(),
        a.themes().stream().map(ThemeMatch::id).collect(Collectors.joining(";")),
        a.themes().stream().map(ThemeMatch::stance).collect(Collectors.joining(";")),
        a.themes().stream()
            .map(m -> String.join("|", m.matched()))
            .collect(Collectors.joining(";")));
  }

  private static void line(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(cell(cells.get(i)));
    }
    csv.append("\r\n");
  }

  /** One cell: defused if it could start a formula, then quoted when it needs to be. */
  static String cell(String value) {
    String text = value == null ? "" : value;
    if (!text.isEmpty() && "=+-@\t\r\0".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0
        || text.startsWith("'")) {
      text = '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
