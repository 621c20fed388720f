package thesiswatch.dashboard.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import thesiswatch.dashboard.index.cache.ParsedQueryCache;

/**
 * Turns a search-box string into a Lucene query. Uses {@link SimpleQueryParser}, which ignores
 * syntax errors instead of failing, with its regex operator switched off and the words AND, OR and
 * NOT read as its operators ({@link BooleanWords}), and checks the caps below before parsing so
 * that no input can make the parser recurse deeply or expand into thousands of clauses.
 *
 * <p>Each language's text is searched only through its own fields: Han characters through the
 * Chinese fields, everything else (Latin words) through the English ones, and a term or phrase that
 * holds both ({@code OpenAI裁员}) is split where the script changes, each part required in its own
 * fields. So Chinese text never matches the single characters the English analysis makes of it
 * (被裁，员工 used to match 裁 员 in an English field), and an English stop word ("on" in "layoffs blamed
 * on AI") is dropped by the English analysis instead of being required in the Chinese fields, where
 * SmartCN keeps it. A text with neither script (a number) searches all fields.
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

  /**
   * AND, OR, NOT, phrases, proximity ({@code "a b"~N}, as in the themes file), fuzzy terms ({@code
   * word~N}), parentheses, escapes, whitespace and prefixes. Without the last two operators a
   * {@code ~N} was read as a required term N: {@code "laid off"~3} found nothing.
   */
  private static final int FLAGS =
      SimpleQueryParser.AND_OPERATOR
          | SimpleQueryParser.OR_OPERATOR
          | SimpleQueryParser.NOT_OPERATOR
          | SimpleQueryParser.PHRASE_OPERATOR
          | SimpleQueryParser.NEAR_OPERATOR
          | SimpleQueryParser.FUZZY_OPERATOR
          | SimpleQueryParser.PRECEDENCE_OPERATORS
          | SimpleQueryParser.ESCAPE_OPERATOR
          | SimpleQueryParser.WHITESPACE_OPERATOR
          | SimpleQueryParser.PREFIX_OPERATOR;

  private final Analyzer analyzer;
  private final Map<String, Float> english;
  private final Map<String, Float> chinese;
  private final Map<String, Float> all;

  /**
   * A parser over the {@code english} and {@code chinese} fields (name → boost), analysing with
   * {@code analyzer} (per field).
   */
  public UserQueryParser(
      Analyzer analyzer, Map<String, Float> english, Map<String, Float> chinese) {
    this.analyzer = analyzer;
    this.english = Map.copyOf(english);
    this.chinese = Map.copyOf(chinese);
    Map<String, Float> both = new HashMap<>(english);
    both.putAll(chinese);
    this.all = Map.copyOf(both);
  }

  /**
   * The query for {@code text}.
   *
   * @throws BadQueryException when the text breaks a cap, before any parsing is done, or has no
   *     word that is searched ({@code no_search_terms})
   */
  public Query parse(String text) {
    Query known = parsed.get(text);
    if (known != null) {
      return known;
    }
    check(text);
    SimpleQueryParser parser = new ByScript(analyzer, english, chinese, all);
    // Every word must match (in some field): a search box user adds words to narrow down.
    parser.setDefaultOperator(BooleanClause.Occur.MUST);
    Query query = parser.parse(BooleanWords.toOperators(text));
    // The parser answers a text with nothing left to search (q=the, q=OR, q="") with a query that
    // matches nothing: answered, it would look like a search that found nothing.
    if (query == null || query instanceof MatchNoDocsQuery) {
      throw new BadQueryException(
          "no_search_terms",
          "'"
              + text
              + "' has no word to search: stop words such as the and of, punctuation and"
              + " operators alone are not searched; leave q out to list every article");
    }
    parsed.put(text, query);
    return query;
  }

  /** Where a piece of text is searched: by its script. */
  private enum Script {
    HAN,
    OTHER,
    NEITHER;

    static Script of(int codePoint) {
      if (ArticleSchema.isHan(codePoint)) {
        return HAN;
      }
      return Character.isLetter(codePoint) ? OTHER : NEITHER;
    }
  }

  /** A piece of a term or phrase in one script, and the text. */
  private record Run(Script script, String text) {}

  /**
   * {@code text} split where Han and other letters meet; digits, punctuation and spaces stay with
   * the run they are in (or begin), so {@code 裁员10%} is one Chinese run.
   */
  static List<Run> runs(String text) {
    List<Run> runs = new ArrayList<>();
    Script current = Script.NEITHER;
    int start = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      Script script = Script.of(cp);
      if (script != Script.NEITHER && current != Script.NEITHER && script != current) {
        runs.add(new Run(current, text.substring(start, i)));
        start = i;
      }
      if (script != Script.NEITHER) {
        current = script;
      }
      i += Character.charCount(cp);
    }
    runs.add(new Run(current, text.substring(start)));
    return runs;
  }

  /**
   * {@link SimpleQueryParser} with each term, phrase and prefix sent to the fields of its script
   * (see the class comment).
   */
  private static final class ByScript extends SimpleQueryParser {

    private final Map<String, Float> english;
    private final Map<String, Float> chinese;

    ByScript(
        Analyzer analyzer,
        Map<String, Float> english,
        Map<String, Float> chinese,
        Map<String, Float> all) {
      super(analyzer, all, FLAGS);
      this.english = english;
      this.chinese = chinese;
    }

    @Override
    protected Query newDefaultQuery(String text) {
      return byScript(text, (field, run) -> createBooleanQuery(field, run, getDefaultOperator()));
    }

    @Override
    protected Query newPhraseQuery(String text, int slop) {
      return byScript(text, (field, run) -> createPhraseQuery(field, run, slop));
    }

    /**
     * Edits ({@code word~N}, at most two) between English words, counted between stems, which is
     * what the index holds: {@code layofs~1} finds layoffs, {@code hirring~1} hiring. A Chinese
     * word is searched as written, since one character more or less makes another word.
     */
    @Override
    protected Query newFuzzyQuery(String text, int fuzziness) {
      return byScript(
          text,
          (field, run) ->
              chinese.containsKey(field)
                  ? createBooleanQuery(field, run, getDefaultOperator())
                  : fuzzyStems(field, run, fuzziness));
    }

    /**
     * Each of {@code text}'s stems (a stop word has none) within {@code edits}, all required; fewer
     * edits for a short stem ({@link #editsFor}).
     */
    private Query fuzzyStems(String field, String text, int edits) {
      BooleanQuery.Builder every = new BooleanQuery.Builder();
      try (TokenStream stream = getAnalyzer().tokenStream(field, text)) {
        CharTermAttribute chars = stream.addAttribute(CharTermAttribute.class);
        stream.reset();
        while (stream.incrementToken()) {
          Term stem = new Term(field, chars.toString());
          int allowed = Math.min(edits, editsFor(chars.length()));
          every.add(
              allowed == 0 ? new TermQuery(stem) : new FuzzyQuery(stem, allowed),
              BooleanClause.Occur.MUST);
        }
        stream.end();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot analyse a search term", e);
      }
      return simplify(every.build());
    }

    @Override
    protected Query newPrefixQuery(String text) {
      return byScript(
          text,
          (field, run) -> new PrefixQuery(new Term(field, getAnalyzer().normalize(field, run))));
    }

    /** Each run of {@code text} in its script's fields, all runs required; null when none is. */
    private Query byScript(String text, BiFunction<String, String, Query> perField) {
      List<Query> parts = new ArrayList<>();
      for (Run run : runs(text)) {
        Map<String, Float> fields =
            switch (run.script()) {
              case HAN -> chinese;
              case OTHER -> english;
              case NEITHER -> weights;
            };
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> field : fields.entrySet()) {
          Query q = perField.apply(field.getKey(), run.text());
          if (q != null) {
            float boost = field.getValue();
            either.add(boost == 1f ? q : new BoostQuery(q, boost), BooleanClause.Occur.SHOULD);
          }
        }
        Query part = simplify(either.build());
        if (part != null) {
          parts.add(part);
        }
      }
      if (parts.size() <= 1) {
        return parts.isEmpty() ? null : parts.get(0);
      }
      BooleanQuery.Builder every = new BooleanQuery.Builder();
      parts.forEach(part -> every.add(part, BooleanClause.Occur.MUST));
      return every.build();
    }
  }

  /**
   * The most edits a fuzzy term of {@code length} characters may take, as Elasticsearch's AUTO
   * fuzziness: none below three characters, one up to five, two beyond. Two edits on a three-letter
   * stem reach most short words (hir~2 matched ai).
   */
  static int editsFor(int length) {
    return length < 3 ? 0 : length <= 5 ? 1 : 2;
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
