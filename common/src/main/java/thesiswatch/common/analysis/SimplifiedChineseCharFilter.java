package thesiswatch.common.analysis;

import java.io.IOException;
import java.io.Reader;
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
  private String converted;
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
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (converted == null) {
      converted = conversion.convert(readAll(input), this::addOffCorrectMap);
    }
    if (position >= converted.length()) {
      return -1;
    }
    int n = Math.min(length, converted.length() - position);
    converted.getChars(position, position + n, buffer, offset);
    position += n;
    return n;
  }

  private static StringBuilder readAll(Reader reader) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] chunk = new char[1024];
    for (int n = reader.read(chunk); n >= 0; n = reader.read(chunk)) {
      text.append(chunk, 0, n);
    }
    return text;
  }
}
