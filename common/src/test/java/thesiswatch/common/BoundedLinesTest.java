package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BoundedLinesTest {

  @Test
  void linesEndAtLfCrOrCrLfAndTheLastNeedsNoBreak() throws Exception {
    assertThat(lines("one\ntwo\r\nthree\rfour")).containsExactly("one", "two", "three", "four");
    assertThat(lines("\n\r\n")).containsExactly("", "");
    assertThat(lines("")).isEmpty();
  }

  @Test
  void aLongLineKeepsItsHeadCountsItsLengthAndTheNextLineIsRead() throws Exception {
    int length = BoundedLines.MAX_LINE_CHARS + 10;
    BufferedReader in = new BufferedReader(new StringReader("x".repeat(length) + "\nnext"));
    StringBuilder line = new StringBuilder();
    long read = BoundedLines.readLine(in, line);
    assertThat(read).isEqualTo(length);
    assertThat(BoundedLines.endless(read)).isFalse();
    assertThat(line).hasSize(BoundedLines.MAX_LINE_CHARS);
    assertThat(BoundedLines.readLine(in, line)).isEqualTo(4);
    assertThat(line.toString()).isEqualTo("next");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // a reader that never stops hangs, not fails
  void anInputWithoutLineBreaksStopsTheReadingOnceTheLineRunsPastTheSpan() throws Exception {
    CountingZeros zeros = new CountingZeros();
    StringBuilder line = new StringBuilder();
    long read = BoundedLines.readLine(new BufferedReader(zeros, 8192), line);
    assertThat(read).isEqualTo(BoundedLines.MAX_LINE_SPAN + 1);
    assertThat(BoundedLines.endless(read)).isTrue();
    assertThat(line).hasSize(BoundedLines.MAX_LINE_CHARS);
    // No more than the span and one buffer's read-ahead was taken from the input.
    assertThat(zeros.handedOut).isLessThanOrEqualTo(BoundedLines.MAX_LINE_SPAN + 8192);
  }

  private static List<String> lines(String text) throws Exception {
    BufferedReader in = new BufferedReader(new StringReader(text));
    StringBuilder line = new StringBuilder();
    List<String> result = new ArrayList<>();
    while (BoundedLines.readLine(in, line) >= 0) {
      result.add(line.toString());
    }
    return result;
  }

  /** {@code /dev/zero} as a reader, counting what it hands out. */
  private static final class CountingZeros extends Reader {
    long handedOut;

    @Override
    public int read(char[] buffer, int offset, int length) {
      Arrays.fill(buffer, offset, offset + length, '\0');
      handedOut += length;
      return length;
    }

    @Override
    public void close() {}
  }
}
