package thesiswatch.common.analysis;

import java.io.IOException;
import java.io.Reader;
import java.nio.CharBuffer;
import java.util.Arrays;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * Converts the whole input to Simplified Chinese ({@link TraditionalToSimplified}) before the
 * tokenizer sees it: SmartCN's dictionary is Simplified and segments Traditional text poorly, so
 * conversion has to come before segmentation, not after it as a token filter would. Offsets of the
 * tokens are corrected back to the original text, so highlights mark the characters the user wrote.
 *
 * <p>Reads its input whole on the first read: the texts analysed are headlines and summaries.
 */
public final class SimplifiedChineseCharFilter extends BaseCharFilter {

  private final TraditionalToSimplified conversion;

  /** The converted text, {@code length} chars, once read; served from {@code position}. */
  private char[] converted;

  private int length;
  private int position;

  /** A filter over {@code in} with the {@link TraditionalToSimplified#standard() ICU tables}. */
  public SimplifiedChineseCharFilter(Reader in) {
    this(in, TraditionalToSimplified.standard());
  }

  SimplifiedChineseCharFilter(Reader in, TraditionalToSimplified conversion) {
    super(in);
    this.conversion = conversion;
  }

  @Override
  public int read(char[] buffer, int offset, int count) throws IOException {
    if (converted == null) {
      convert();
    }
    if (position >= length) {
      return -1;
    }
    int n = Math.min(count, length - position);
    System.arraycopy(converted, position, buffer, offset, n);
    position += n;
    return n;
  }

  private void convert() throws IOException {
    char[] text = new char[256];
    int n = 0;
    for (int read = input.read(text, n, text.length - n);
        read >= 0;
        read = input.read(text, n, text.length - n)) {
      n += read;
      if (n == text.length) {
        text = Arrays.copyOf(text, text.length * 2);
      }
    }
    // In place when the tables keep every length (ICU's do): no offset needs correcting.
    if (!conversion.convertInPlace(text, n)) {
      String general = conversion.convert(CharBuffer.wrap(text, 0, n), this::addOffCorrectMap);
      text = general.toCharArray();
      n = text.length;
    }
    converted = text;
    length = n;
  }
}
