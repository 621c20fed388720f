package thesiswatch.dashboard.index;

/**
 * A piece of a highlighted text: plain text, flagged when it matched the query. Highlights are
 * returned as segments rather than markup so that the page inserts every piece as text.
 *
 * @param text the characters
 * @param hit whether they matched
 */
public record Segment(String text, boolean hit) {}
