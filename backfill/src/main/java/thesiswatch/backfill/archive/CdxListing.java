package thesiswatch.backfill.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import thesiswatch.common.Json;

/**
 * One page of a CDX server's answer, parsed. Two shapes are read, whatever the {@code
 * Content-Type}: the Wayback Machine's JSON array whose first row names the fields (and whose last
 * rows, after an empty one, hold the {@code resumeKey}), and pywb's newline-delimited JSON objects
 * (where the original URL is {@code url} and may be missing when asked for as {@code original}).
 *
 * @param captures the rows that name a capture, in the archive's order
 * @param resumeKey the key of the next page, or null when this is the last
 * @param badRows rows that name no capture (no or an impossible timestamp, an unreadable line)
 */
public record CdxListing(List<Capture> captures, String resumeKey, int badRows) {

  /** The answer is neither shape, e.g. an HTML error page. */
  public static final class InvalidListing extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidListing(String message) {
      super(message);
    }
  }

  public CdxListing {
    captures = List.copyOf(captures);
  }

  /**
   * Parses {@code body}; a row without an original URL is a capture of {@code queriedUrl}.
   *
   * @throws InvalidListing when the body is neither a JSON array of rows nor JSON lines
   */
  public static CdxListing parse(String body, String queriedUrl) throws InvalidListing {
    String text = body.strip();
    if (text.isEmpty()) {
      return new CdxListing(List.of(), null, 0);
    }
    if (text.startsWith("[")) {
      return arrayOfRows(read(text), queriedUrl);
    }
    if (text.startsWith("{")) {
      return jsonLines(text, queriedUrl);
    }
    throw new InvalidListing(
        "cdx: the archive answered neither JSON rows nor JSON lines: "
            + text.substring(0, Math.min(80, text.length())));
  }

  private static CdxListing arrayOfRows(JsonNode rows, String queriedUrl) throws InvalidListing {
    if (!rows.isArray()) {
      throw new InvalidListing("cdx: not a JSON array of rows");
    }
    List<Capture> captures = new ArrayList<>();
    List<String> fields = null;
    String resumeKey = null;
    int bad = 0;
    boolean afterEmptyRow = false;
    for (JsonNode row : rows) {
      if (!row.isArray()) {
        bad++;
        continue;
      }
      if (row.isEmpty()) {
        afterEmptyRow = true; // the Wayback Machine puts the resume key after an empty row
        continue;
      }
      if (afterEmptyRow && row.size() == 1) {
        resumeKey = row.get(0).asText(null);
        continue;
      }
      if (fields == null) {
        fields = new ArrayList<>();
        for (JsonNode name : row) {
          fields.add(name.asText(""));
        }
        continue;
      }
      bad +=
          add(
              captures,
              text(row, fields.indexOf("timestamp")),
              firstNonNull(text(row, fields.indexOf("original")), text(row, fields.indexOf("url"))),
              text(row, fields.indexOf("digest")),
              queriedUrl);
    }
    return new CdxListing(captures, resumeKey, bad);
  }

  private static CdxListing jsonLines(String text, String queriedUrl) throws InvalidListing {
    List<Capture> captures = new ArrayList<>();
    String resumeKey = null;
    int bad = 0;
    boolean anyRead = false;
    InvalidListing firstUnreadable = null;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row;
      try {
        row = read(line.strip());
        anyRead = true;
      } catch (InvalidListing e) {
        // One broken line costs its row, not the page; a page with no readable line is no listing.
        firstUnreadable = firstUnreadable == null ? e : firstUnreadable;
        bad++;
        continue;
      }
      if (row.hasNonNull("resumeKey") && !row.has("timestamp")) {
        resumeKey = row.get("resumeKey").asText();
        continue;
      }
      bad +=
          add(
              captures,
              row.path("timestamp").asText(null),
              firstNonNull(row.path("original").asText(null), row.path("url").asText(null)),
              row.path("digest").asText(null),
              queriedUrl);
    }
    if (!anyRead) {
      throw firstUnreadable;
    }
    return new CdxListing(captures, resumeKey, bad);
  }

  /** Adds the capture a row names to {@code captures}; 1 when it names none (a bad row), else 0. */
  private static int add(
      List<Capture> captures, String timestamp, String original, String digest, String queriedUrl) {
    Instant time = CdxTimestamps.parse(timestamp);
    if (time == null) {
      return 1;
    }
    String url = original == null || original.isBlank() ? queriedUrl : original.strip();
    String sum = digest == null || digest.isBlank() || digest.equals("-") ? null : digest.strip();
    captures.add(new Capture(timestamp.strip(), time, url, sum));
    return 0;
  }

  private static String text(JsonNode row, int index) {
    return index < 0 || index >= row.size() || row.get(index).isNull()
        ? null
        : row.get(index).asText();
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private static JsonNode read(String json) throws InvalidListing {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidListing("cdx: invalid JSON from the archive: " + e.getOriginalMessage());
    }
  }
}
