package thesiswatch.common;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Lines of text read with a bound on what is kept, for every input read line by line ({@code
 * classify}'s standard input, JSON-lines exports): a file without line breaks cannot fill the heap,
 * and the rest of a longer line is counted, not kept. Nor can such an input keep a reader busy for
 * ever ({@code /dev/zero}, a pipe of binary data): a line that runs past {@link #MAX_LINE_SPAN}
 * ends the reading there.
 */
public final class BoundedLines {

  /** Characters of one line kept: as much as a Kafka record holds, far more than a row needs. */
  public static final int MAX_LINE_CHARS = 1 << 20;

  /**
   * Characters read of one line before the input is taken for one without line breaks and read no
   * further: 64 times what a line may keep, so a long line is still skipped to the next.
   */
  public static final long MAX_LINE_SPAN = 64L * MAX_LINE_CHARS;

  private BoundedLines() {}

  /**
   * Whether a line of {@code length} (as {@link #readLine} returned it) stopped the reading: it ran
   * past {@link #MAX_LINE_SPAN} without a line break, and nothing after that was read.
   */
  public static boolean endless(long length) {
    return length > MAX_LINE_SPAN;
  }

  /**
   * Reads one line of {@code in} into {@code line}, as {@link BufferedReader#readLine} does (ended
   * by LF, CR, CR LF or the end), keeping at most {@link #MAX_LINE_CHARS}.
   *
   * @return the line's whole length, which is more than {@code line} holds when it was longer, or
   *     -1 at the end of the input; past {@link #MAX_LINE_SPAN} the line is not read to its end,
   *     and {@link #endless} says so
   */
  public static long readLine(BufferedReader in, StringBuilder line) throws IOException {
    line.setLength(0);
    int c = in.read();
    if (c < 0) {
      return -1;
    }
    long length = 0;
    for (; c >= 0 && c != '\n' && c != '\r'; c = in.read()) {
      if (length < MAX_LINE_CHARS) {
        line.append((char) c);
      }
      if (++length > MAX_LINE_SPAN) {
        return length;
      }
    }
    if (c == '\r') {
      in.mark(1);
      if (in.read() != '\n') {
        in.reset();
      }
    }
    return length;
  }
}
