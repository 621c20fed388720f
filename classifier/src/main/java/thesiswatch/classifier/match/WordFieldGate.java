package thesiswatch.classifier.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import thesiswatch.classifier.analysis.Fields;
import thesiswatch.common.analysis.TraditionalToSimplified;

/**
 * Whether a text needs SmartCN's words ({@link Fields#ZH}) at all: only a few queries read that
 * field (proximity, one-character terms; most Chinese terms are bigram phrases), and SmartCN's
 * segmentation is the dearest part of building a headline's in-memory index. A text for which no
 * query part on the field can match is matched without it, with exactly the same result.
 *
 * <p>The test is a necessary condition, so it never skips a text that could match. A token of the
 * field is a piece of the Simplified text as SmartCN saw it, with full-width letters and digits
 * made ASCII and letters lower-cased; Han characters and digits pass Porter's stemmer unchanged. So
 * a query term of Han characters and digits can be a token only if it is a substring of the text so
 * normalised; a term with any other character (a Latin word the stemmer may change, punctuation)
 * only if the text holds a character that is neither Han nor white space. A term or phrase can
 * match only if all its terms can; a query part of any other kind on the field (a prefix, a
 * wildcard) makes every text need the field.
 */
final class WordFieldGate {

  private final TraditionalToSimplified simplified = TraditionalToSimplified.standard();

  /**
   * One term or phrase on the field: the terms of Han characters and digits it needs as substrings,
   * and whether it also has a term that needs some character other than Han.
   */
  private record Part(List<String> substrings, boolean needsOtherThanHan) {

    static Part of(Term... terms) {
      List<String> substrings = new ArrayList<>();
      boolean other = false;
      for (Term term : terms) {
        String text = term.text();
        if (hanAndDigitsOnly(text)) {
          substrings.add(text);
        } else {
          other = true;
        }
      }
      return new Part(List.copyOf(substrings), other);
    }

    boolean mayMatch(String normalised) {
      for (String substring : substrings) {
        if (!normalised.contains(substring)) {
          return false;
        }
      }
      // Last, and only for this part: a scan of the whole text.
      return !needsOtherThanHan || hasOtherThanHan(normalised);
    }
  }

  /** A gate that lets every text through: matching as if there were no gate. */
  static final WordFieldGate ALWAYS_OPEN = new WordFieldGate(List.of(), true);

  private final List<Part> parts;

  private final boolean alwaysOpen;

  private WordFieldGate(List<Part> parts, boolean alwaysOpen) {
    this.parts = parts;
    this.alwaysOpen = alwaysOpen;
  }

  /** The gate of a monitor holding {@code queries}. */
  static WordFieldGate of(Collection<Query> queries) {
    List<Part> parts = new ArrayList<>();
    boolean[] alwaysOpen = {false};
    QueryVisitor visitor =
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            return Fields.ZH.equals(field);
          }

          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            // Exclusions too: if an excluded part cannot match, leaving the field out changes
            // nothing either.
            return this;
          }

          @Override
          public void consumeTerms(Query query, Term... terms) {
            if (query instanceof TermQuery || query instanceof PhraseQuery) {
              parts.add(Part.of(terms));
            } else {
              // A multi-phrase reports each position's alternatives: none of them is needed.
              alwaysOpen[0] = true;
            }
          }

          @Override
          public void consumeTermsMatching(
              Query query, String field, Supplier<ByteRunAutomaton> automaton) {
            alwaysOpen[0] = true;
          }

          @Override
          public void visitLeaf(Query query) {
            if (!(query instanceof MatchNoDocsQuery)) {
              alwaysOpen[0] = true;
            }
          }
        };
    queries.forEach(query -> query.visit(visitor));
    return new WordFieldGate(List.copyOf(parts), alwaysOpen[0]);
  }

  /** Whether a query part on {@link Fields#ZH} could match {@code text}. */
  boolean mayMatch(String text) {
    if (alwaysOpen) {
      return true;
    }
    if (parts.isEmpty()) {
      return false;
    }
    String normalised = normalise(simplified.convert(text));
    for (Part part : parts) {
      if (part.mayMatch(normalised)) {
        return true;
      }
    }
    return false;
  }

  /** Full-width letters and digits as ASCII, letters lower case: SmartCN's own normalisation. */
  static String normalise(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ')) {
        c = (char) (c - 0xFEE0);
      }
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean hanAndDigitsOnly(String term) {
    return !term.isEmpty()
        && term.codePoints()
            .allMatch(
                c ->
                    (c >= '0' && c <= '9')
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  private static boolean hasOtherThanHan(String text) {
    return text.codePoints()
        .anyMatch(
            c ->
                !Character.isWhitespace(c)
                    && Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN);
  }
}
