package thesiswatch.classifier.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.AttributeSource;

/**
 * Whether a headline can match any topic query at all, decided from its analysed terms before the
 * monitor builds an in-memory index of it. The monitor runs a query only when the headline holds
 * one of the terms its presearcher indexed the query under; a headline that holds none of the topic
 * queries' terms can match no topic query, so it gets no theme (stance queries alone never tag a
 * headline) — the very result the monitor would give, without building the index or searching the
 * query index. Most news is about none of the themes.
 *
 * <p>The terms are the presearcher's own ({@link Presearcher#indexQuery}), and the headline's term
 * stream passes through the same {@link CustomQueryHandler}s the presearcher wraps it in, so a
 * regular expression's marker term ({@link RegexpTerms}) opens the gate exactly when it would make
 * its query a candidate. A topic query the presearcher indexes under "any token" (or a field no
 * headline has) holds the gate open for every headline.
 *
 * <p>Each field is analysed once: the tokens are recorded while the gate reads them and replayed
 * into the monitor's document, so SmartCN does not segment a headline twice.
 */
final class TopicGate {

  /** No gate: every headline goes to the monitor, its fields analysed there as plain text. */
  static final TopicGate ALWAYS_OPEN = new TopicGate(Map.of(), List.of(), true);

  private final Map<String, CharArraySet> termsByField;
  private final List<CustomQueryHandler> handlers;
  private final boolean alwaysOpen;

  private TopicGate(
      Map<String, CharArraySet> termsByField,
      List<CustomQueryHandler> handlers,
      boolean alwaysOpen) {
    this.termsByField = termsByField;
    this.handlers = handlers;
    this.alwaysOpen = alwaysOpen;
  }

  /**
   * The gate of a monitor whose presearcher is {@code presearcher} (wrapping term streams in {@code
   * handlers}), for headlines whose documents have {@code documentFields}.
   */
  static TopicGate of(
      Collection<Query> topicQueries,
      Presearcher presearcher,
      List<CustomQueryHandler> handlers,
      Set<String> documentFields) {
    Map<String, CharArraySet> byField = new HashMap<>();
    boolean alwaysOpen = false;
    for (Query query : topicQueries) {
      for (IndexableField field : presearcher.indexQuery(query, Map.of())) {
        if (!documentFields.contains(field.name())
            || !(field instanceof Field terms && terms.tokenStreamValue() != null)) {
          // "Any token", a field no headline has, or terms in a form this gate cannot read.
          alwaysOpen = true;
          continue;
        }
        readTerms(
            terms.tokenStreamValue(),
            byField.computeIfAbsent(field.name(), name -> new CharArraySet(16, false)));
      }
    }
    byField.replaceAll((field, terms) -> CharArraySet.unmodifiableSet(terms));
    return new TopicGate(Map.copyOf(byField), List.copyOf(handlers), alwaysOpen);
  }

  private static void readTerms(TokenStream stream, CharArraySet into) {
    try (stream) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        into.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the presearcher's query terms", e);
    }
  }

  /**
   * The headline's document for the monitor, its {@code fields} of {@code text} each analysed once
   * by {@code analyzer}; {@code null} when no topic query can be a candidate for it.
   */
  Document document(Analyzer analyzer, String text, List<String> fields) {
    if (alwaysOpen) {
      // Nothing to decide: the monitor analyses the text itself, with nothing recorded.
      Document document = new Document();
      for (String field : fields) {
        document.add(new TextField(field, text, Field.Store.NO));
      }
      return document;
    }
    boolean open = false;
    List<RecordedTokens> recorded = new ArrayList<>(fields.size());
    for (String field : fields) {
      RecordedTokens tokens = new RecordedTokens(field);
      recorded.add(tokens);
      try (TokenStream stream =
          wrapped(field, tokens.recording(analyzer.tokenStream(field, text)))) {
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        CharArraySet wanted = termsByField.get(field);
        stream.reset();
        while (stream.incrementToken()) {
          open = open || (wanted != null && wanted.contains(term.buffer(), 0, term.length()));
        }
        stream.end();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot analyse a headline", e);
      }
    }
    if (!open) {
      return null;
    }
    Document document = new Document();
    for (RecordedTokens tokens : recorded) {
      document.add(new Field(tokens.field, tokens.replay(), TextField.TYPE_NOT_STORED));
    }
    return document;
  }

  private TokenStream wrapped(String field, TokenStream stream) {
    for (CustomQueryHandler handler : handlers) {
      stream = handler.wrapTermStream(field, stream);
    }
    return stream;
  }

  /** A field's tokens as the analyzer made them, for one replay into the monitor's document. */
  private static final class RecordedTokens {

    private final String field;
    private final List<AttributeSource.State> states = new ArrayList<>();
    private AttributeSource attributes;
    private AttributeSource.State finalState;

    RecordedTokens(String field) {
      this.field = field;
    }

    /** {@code analysed}, recording every token (and the end state) that passes through it. */
    TokenStream recording(TokenStream analysed) {
      attributes = analysed;
      return new TokenFilter(analysed) {
        @Override
        public boolean incrementToken() throws IOException {
          if (!input.incrementToken()) {
            return false;
          }
          states.add(captureState());
          return true;
        }

        @Override
        public void end() throws IOException {
          super.end();
          finalState = captureState();
        }
      };
    }

    /** The recorded tokens as a stream of their own, independent of the analyzer's. */
    TokenStream replay() {
      return new TokenStream(attributes.cloneAttributes()) {
        private int next;

        @Override
        public boolean incrementToken() {
          if (next == states.size()) {
            return false;
          }
          restoreState(states.get(next++));
          return true;
        }

        @Override
        public void end() {
          if (finalState != null) {
            restoreState(finalState);
          }
        }

        @Override
        public void reset() {
          next = 0;
        }
      };
    }
  }
}
