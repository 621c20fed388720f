package thesiswatch.backfill.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import thesiswatch.backfill.ItemArticles;
import thesiswatch.backfill.file.Format;
import thesiswatch.backfill.file.Input;
import thesiswatch.backfill.file.Records;
import thesiswatch.common.BoundedLines;
import thesiswatch.common.Json;

/**
 * JSON lines: one article object per line. A line that is an object with an {@code articles} array
 * (a GDELT DOC API answer saved as it came) gives one record per element; a file whose first line
 * is not a complete JSON value is read as one JSON document of that shape. A line longer than a
 * record is one {@code too_long} record and the next line is read; one that runs past {@link
 * BoundedLines#MAX_LINE_SPAN} without a line break is the file's last record: what follows is not
 * lines.
 */
public final class JsonLines implements Format {

  /** The source kind. */
  public static final String KIND = "jsonl";

  /**
   * Characters of a file read as one JSON document: a GDELT answer holds at most 250 articles, a
   * small fraction of this.
   */
  static final int MAX_DOCUMENT_CHARS = 64 << 20;

  private final ItemArticles articles;
  private final Clock clock;

  /** JSON lines made articles by {@code articles}. */
  public JsonLines(ItemArticles articles, Clock clock) {
    this.articles = articles;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Records open(Input input) throws IOException {
    ExportRows rows = new ExportRows(KIND, input.name(), articles, clock);
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(input.open(), StandardCharsets.UTF_8));
    return new Records() {
      private final Deque<JsonNode> queued = new ArrayDeque<>();
      private final StringBuilder buffer = new StringBuilder();
      private boolean first = true;
      private boolean ended;

      @Override
      public Record next() {
        try {
          while (queued.isEmpty()) {
            long length = ended ? -1 : BoundedLines.readLine(reader, buffer);
            if (length < 0) {
              return null;
            }
            if (length > BoundedLines.MAX_LINE_CHARS) {
              ended = BoundedLines.endless(length);
              first = false;
              return Records.problem("too_long", null);
            }
            String line = buffer.toString();
            if (first && line.startsWith("\uFEFF")) {
              line = line.substring(1);
            }
            if (line.isBlank()) {
              continue;
            }
            JsonNode node;
            try {
              node = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
              if (first && line.strip().startsWith("{")) {
                node = wholeDocument(line);
                if (node == null) {
                  first = false;
                  return Records.problem("malformed_json", null);
                }
              } else {
                first = false;
                return Records.problem("malformed_json", null);
              }
            }
            first = false;
            if (node.isObject() && node.path("articles").isArray()) {
              node.path("articles").forEach(queued::add);
            } else {
              queued.add(node);
            }
          }
          JsonNode row = queued.poll();
          if (!row.isObject()) {
            return Records.problem("not_an_object", null);
          }
          Map<String, String> columns = new LinkedHashMap<>();
          row.fields()
              .forEachRemaining(
                  field ->
                      columns.put(
                          field.getKey(),
                          field.getValue().isValueNode() ? field.getValue().asText() : null));
          return Records.of(null, () -> rows.outcome(columns));
        } catch (IOException e) {
          throw new UncheckedIOException("backfill: cannot read " + input.name(), e);
        }
      }

      /** The file read as one JSON document from {@code firstLine} on; null when it is none. */
      private JsonNode wholeDocument(String firstLine) throws IOException {
        StringBuilder text = new StringBuilder(firstLine).append('\n');
        for (long length = BoundedLines.readLine(reader, buffer);
            length >= 0;
            length = BoundedLines.readLine(reader, buffer)) {
          if (length > BoundedLines.MAX_LINE_CHARS || text.length() + length > MAX_DOCUMENT_CHARS) {
            // Too large to be the document a file of one holds: the one malformed record a broken
            // document is, and nothing after it is read.
            ended = true;
            return null;
          }
          text.append(buffer).append('\n');
        }
        try {
          return Json.MAPPER.readTree(text.toString());
        } catch (JsonProcessingException e) {
          return null;
        }
      }

      @Override
      public void close() {
        try {
          reader.close();
        } catch (IOException e) {
          // nothing was written; a failed close loses nothing
        }
      }
    };
  }
}
