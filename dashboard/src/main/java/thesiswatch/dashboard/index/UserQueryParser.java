package thesiswatch.dashboard.index;

import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import thesiswatch.dashboard.index.cache.ParsedQueryCache;

/**
 * Turns a search-box string into a Lucene query. Uses {@link SimpleQueryParser}, which ignores
 * syntax errors instead of failing, with regex, fuzzy and proximity operators switched off, and
 * checks the caps below before parsing so that no input can make the parser recurse deeply or
 * expand into thousands of clauses.
 */
public final class UserQueryParser {

  /** Longest query accepted, in characters. */
  public static final int MAX_LENGTH = 256;

  /** Most whitespace-separated terms accepted. */
  public static final int MAX_TERMS = 32;

  /** Deepest parenthesis nesting accepted. */
  public static final int MAX_DEPTH = 8;

  /**
   * Characters required before a trailing {@code *}, so that {@code a*} cannot match half the
   * index.
   */
  public static final int MIN_PREFIX = 3;

  /**
   * Characters required before {@code *} when the prefix has a Chinese character: a word is often
   * two.
   */
  public static final int MIN_PREFIX_CJK = 2;

  /** AND, OR, NOT, phrases, parentheses, escapes, whitespace and prefixes — no fuzzy, no slop. */
  private static final int FLAGS =
      SimpleQueryParser.AND_OPERATOR
          | SimpleQueryParser.OR_OPERATOR
          | SimpleQueryParser.NOT_OPERATOR
          | SimpleQueryParser.PHRASE_OPERATOR
          | SimpleQueryParser.PRECEDENCE_OPERATORS
          | SimpleQueryParser.ESCAPE_OPERATOR
          | SimpleQueryParser.WHITESPACE_OPERATOR
          | SimpleQueryParser.PREFIX_OPERATOR;

  private final Analyzer analyzer;
  private final Map<String, Float> fields;

  /** A parser over {@code fields} (name → boost), analysing with {@code analyzer} (per field). */
  public UserQueryParser(Analyzer analyzer, Map<String, Float> fields) {
    this.analyzer = analyzer;
    this.fields = Map.copyOf(fields);
  }

  /**
   * The query for {@code text}.
   *
   * @throws BadQueryException when the text breaks a cap, before any parsing is done
   */
  public Query parse(String text) {
    Query known = parsed.get(text);
    if (known != null) {
      return known;
    }
    check(text);
    SimpleQueryParser parser = new SimpleQueryParser(analyzer, fields, FLAGS);
    // Every word must match (in some field): a search box user adds words to narrow down.
    parser.setDefaultOperator(BooleanClause.Occur.MUST);
    Query query = parser.parse(text);
    Query result =
        query == null ? new MatchNoDocsQuery("the query has no searchable terms") : query;
    parsed.put(text, result);
    return result;
  }

  /** Recently parsed texts kept. */
  static final int PARSED_QUERIES = 512;

  /** Queries parsed lately: a text over a cap is refused before it could be kept. */
  private final ParsedQueryCache parsed = new ParsedQueryCache(PARSED_QUERIES);

  // Compiled once: every search is checked.
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern LEADING_OPERATORS = Pattern.compile("^[-+|\"(]+");
  private static final Pattern TRAILING_OPERATORS = Pattern.compile("[)\"]+$");
  private static final Pattern TRAILING_STARS = Pattern.compile("\\*+$");

  /** Checks the caps; public so the API can reject a query before touching the index. */
  public static void check(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new BadQueryException(
          "query_too_long",
          "the query has " + text.length() + " characters; at most " + MAX_LENGTH + " are allowed");
    }
    String[] terms = WHITESPACE.split(text.strip());
    if (terms.length > MAX_TERMS) {
      throw new BadQueryException(
          "too_many_terms",
          "the query has " + terms.length + " terms; at most " + MAX_TERMS + " are allowed");
    }
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++; // an escaped character is a literal, not an operator
      } else if (c == '(' && ++depth > MAX_DEPTH) {
        throw new BadQueryException(
            "too_deep", "the query nests parentheses deeper than " + MAX_DEPTH + " levels");
      } else if (c == ')' && depth > 0) {
        depth--;
      }
    }
    for (String term : terms) {
      // Operators around a term (- + | " parentheses) do not count; only a trailing * is an
      // operator.
      String bare =
          TRAILING_OPERATORS.matcher(LEADING_OPERATORS.matcher(term).replaceAll("")).replaceAll("");
      if (bare.startsWith("*")) {
        throw new BadQueryException(
            "leading_wildcard",
            "'"
                + term
                + "' starts with a wildcard; put at least "
                + MIN_PREFIX
                + " characters before *");
      }
      if (bare.endsWith("*")) {
        String prefix = TRAILING_STARS.matcher(bare).replaceAll("");
        if (prefix.codePointCount(0, prefix.length()) < minPrefix(prefix)) {
          throw new BadQueryException(
              "prefix_too_short",
              "'"
                  + term
                  + "' has too few characters before * (at least "
                  + MIN_PREFIX
                  + ", or "
                  + MIN_PREFIX_CJK
                  + " Chinese characters)");
        }
      }
    }
  }

  private static int minPrefix(String prefix) {
    return prefix.codePoints().anyMatch(Character::isIdeographic) ? MIN_PREFIX_CJK : MIN_PREFIX;
  }
}
