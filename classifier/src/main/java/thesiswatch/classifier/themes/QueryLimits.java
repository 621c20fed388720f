package thesiswatch.classifier.themes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import thesiswatch.classifier.analysis.Analyzers;
import thesiswatch.classifier.analysis.Fields;
import thesiswatch.common.Languages;

/**
 * What a themes file may cost, checked before it tags anything, with exact messages. A theme query
 * is refused when
 *
 * <ul>
 *   <li>its text nests groups deeper than {@value #MAX_DEPTH} (found by scanning the text, before
 *       any parser recurses into it: 30,000 nested parentheses are a message, not a stack overflow)
 *       or is longer than {@value #MAX_QUERY_CHARS} characters;
 *   <li>it has more than {@value #MAX_CLAUSES} clauses (terms, phrases, patterns);
 *   <li>it has more than {@value #MAX_MULTI_TERM_PER_QUERY} multi-term clauses (fuzzy, wildcard,
 *       prefix, regular expression: the monitor cannot index them, so each runs against every
 *       article), a wildcard or prefix with fewer than {@value #MIN_LITERAL_PREFIX} characters
 *       before its first wildcard ({@code a*}), a fuzzy term shorter than {@value #MIN_FUZZY_CHARS}
 *       characters or expanding to more than {@value #MAX_FUZZY_EXPANSIONS} terms, a range, or
 *       {@code *:*};
 *   <li>it matches more than half of the probe headlines of its language (everyday news none of the
 *       themes is about, {@code probe-headlines.txt}): it would tag nearly every article.
 * </ul>
 *
 * A whole file is refused beyond {@value #MAX_THEMES} themes, {@value #MAX_TOTAL_CLAUSES} clauses
 * or {@value #MAX_MULTI_TERM} multi-term clauses in all.
 */
public final class QueryLimits {

  /** Deepest nesting of groups in a query's text. */
  public static final int MAX_DEPTH = 10;

  /** Longest query text, in characters. */
  public static final int MAX_QUERY_CHARS = 2_000;

  /** Most clauses (terms, phrases, patterns) in one query. */
  public static final int MAX_CLAUSES = 128;

  /** Most clauses in the whole file. */
  public static final int MAX_TOTAL_CLAUSES = 10_000;

  /** Most multi-term clauses (fuzzy, wildcard, prefix, regexp) in one query. */
  public static final int MAX_MULTI_TERM_PER_QUERY = 4;

  /** Most multi-term clauses in the whole file. */
  public static final int MAX_MULTI_TERM = 20;

  /** Fewest characters before the first wildcard of a wildcard or prefix term. */
  public static final int MIN_LITERAL_PREFIX = 2;

  /** Shortest fuzzy term. */
  public static final int MIN_FUZZY_CHARS = 4;

  /** Most terms one fuzzy term may expand to (Lucene's default). */
  public static final int MAX_FUZZY_EXPANSIONS = FuzzyQuery.defaultMaxExpansions;

  /** Most themes in a file. */
  public static final int MAX_THEMES = 50;

  private static final String PROBE_FILE = "probe-headlines.txt";

  private QueryLimits() {}

  /**
   * The problem with a query's text, found without parsing it, or null: too deep, too long.
   * Parentheses inside quotes or after a backslash are text, not groups.
   */
  public static String checkText(String text) {
    int depth = 0;
    int deepest = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        deepest = Math.max(deepest, ++depth);
      } else if (!quoted && c == ')') {
        depth = Math.max(0, depth - 1);
      }
    }
    if (deepest > MAX_DEPTH) {
      return "nests groups " + deepest + " deep (limit " + MAX_DEPTH + ")";
    }
    if (text.length() > MAX_QUERY_CHARS) {
      return "is " + text.length() + " characters long (limit " + MAX_QUERY_CHARS + ")";
    }
    return null;
  }

  /**
   * What a parsed query costs.
   *
   * @param clauses its terms, phrases and patterns
   * @param multiTerm those of them that are fuzzy, wildcard, prefix or regexp
   * @param problem why it is refused, or null
   */
  public record Cost(int clauses, int multiTerm, String problem) {}

  /** The cost of {@code query}, and the problem with it if any. */
  public static Cost cost(Query query) {
    int[] counts = new int[2];
    String problem = walk(query, counts);
    if (problem == null && counts[0] > MAX_CLAUSES) {
      problem = "has " + counts[0] + " clauses (limit " + MAX_CLAUSES + ")";
    }
    if (problem == null && counts[1] > MAX_MULTI_TERM_PER_QUERY) {
      problem =
          "has "
              + counts[1]
              + " fuzzy, wildcard or regular-expression terms (limit "
              + MAX_MULTI_TERM_PER_QUERY
              + ")";
    }
    return new Cost(counts[0], counts[1], problem);
  }

  private static String walk(Query query, int[] counts) {
    if (query instanceof BooleanQuery bq) {
      for (BooleanClause clause : bq.clauses()) {
        String problem = walk(clause.getQuery(), counts);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (query instanceof BoostQuery boost) {
      return walk(boost.getQuery(), counts);
    }
    if (query instanceof ConstantScoreQuery constant) {
      return walk(constant.getQuery(), counts);
    }
    if (query instanceof DisjunctionMaxQuery dismax) {
      for (Query disjunct : dismax.getDisjuncts()) {
        String problem = walk(disjunct, counts);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    counts[0]++;
    if (query instanceof MatchAllDocsQuery) {
      return "matches every article (*:*)";
    }
    if (query instanceof TermRangeQuery) {
      return "has a range (" + query + "), which theme queries may not use";
    }
    if (query instanceof MultiTermQuery) {
      counts[1]++;
      return multiTerm(query);
    }
    return null;
  }

  private static String multiTerm(Query query) {
    if (query instanceof FuzzyQuery fuzzy) {
      String term = fuzzy.getTerm().text();
      if (term.codePointCount(0, term.length()) < MIN_FUZZY_CHARS) {
        return "has the fuzzy term '"
            + term
            + "~', shorter than "
            + MIN_FUZZY_CHARS
            + " characters: it would match nearly any short word";
      }
      return null;
    }
    String literal = null;
    if (query instanceof PrefixQuery prefix) {
      literal = prefix.getPrefix().text();
    } else if (query instanceof WildcardQuery wildcard) {
      String text = wildcard.getTerm().text();
      int end = 0;
      while (end < text.length() && text.charAt(end) != '*' && text.charAt(end) != '?') {
        end += text.charAt(end) == '\\' ? 2 : 1;
      }
      literal = text.substring(0, Math.min(end, text.length()));
    }
    if (literal != null && literal.codePointCount(0, literal.length()) < MIN_LITERAL_PREFIX) {
      return "has the pattern '"
          + query
          + "', with fewer than "
          + MIN_LITERAL_PREFIX
          + " characters before its first wildcard: it would match nearly every article";
    }
    return null;
  }

  /**
   * The problem with the whole set, or null: too many themes, clauses or multi-term clauses, or a
   * query that matches more than half of the probe headlines of its language. The message starts
   * with ": " and names the theme and query when one is to blame.
   */
  static String checkSet(List<ThemeDefinition> themes) {
    if (themes.size() > MAX_THEMES) {
      return ": defines " + themes.size() + " themes (limit " + MAX_THEMES + ")";
    }
    int clauses = 0;
    int multiTerm = 0;
    for (ThemeDefinition theme : themes) {
      for (ThemeQuery query : theme.queries()) {
        Cost cost = cost(query.query());
        clauses += cost.clauses();
        multiTerm += cost.multiTerm();
      }
    }
    if (clauses > MAX_TOTAL_CLAUSES) {
      return ": has " + clauses + " clauses in all (limit " + MAX_TOTAL_CLAUSES + ")";
    }
    if (multiTerm > MAX_MULTI_TERM) {
      return ": has "
          + multiTerm
          + " fuzzy, wildcard or regular-expression terms in all (limit "
          + MAX_MULTI_TERM
          + ")";
    }
    return Probe.check(themes);
  }

  /** The text of a query in a message: whole when short, its start when long. */
  static String quote(String text) {
    return "'" + (text.length() <= 80 ? text : text.substring(0, 77) + "…") + "'";
  }

  /**
   * The probe headlines indexed as the matcher indexes articles of their language: Chinese in the
   * SmartCN and bigram fields, normalised; English in the English field.
   */
  private static final class Probe {
    private static final Map<String, List<String>> HEADLINES = read();

    static String check(List<ThemeDefinition> themes) {
      Analyzer analyzer = Analyzers.perField();
      Map<String, List<MemoryIndex>> indexes =
          Map.of(
              Languages.ZH, index(HEADLINES.get(Languages.ZH), true, analyzer),
              Languages.EN, index(HEADLINES.get(Languages.EN), false, analyzer));
      for (ThemeDefinition theme : themes) {
        for (ThemeQuery query : theme.queries()) {
          List<MemoryIndex> probes = indexes.get(query.language());
          int matched = 0;
          for (MemoryIndex probe : probes) {
            if (probe.search(query.query()) > 0) {
              matched++;
            }
          }
          if (matched * 2 > probes.size()) {
            return ": theme '"
                + theme.id()
                + "': query "
                + quote(query.text())
                + " ("
                + query.role().field()
                + "."
                + query.language()
                + ") matches "
                + matched
                + " of "
                + probes.size()
                + " probe headlines: it would tag nearly every article (limit: half)";
          }
        }
      }
      return null;
    }

    private static List<MemoryIndex> index(
        List<String> headlines, boolean chinese, Analyzer analyzer) {
      List<MemoryIndex> result = new ArrayList<>();
      for (String headline : headlines) {
        MemoryIndex index = new MemoryIndex();
        if (chinese) {
          // The Chinese fields' analysis converts Traditional to Simplified.
          index.addField(Fields.ZH, headline, analyzer);
          index.addField(Fields.ZH_BIGRAM, headline, analyzer);
        } else {
          index.addField(Fields.EN, headline, analyzer);
        }
        result.add(index);
      }
      return result;
    }

    private static Map<String, List<String>> read() {
      try (InputStream in = QueryLimits.class.getResourceAsStream(PROBE_FILE)) {
        if (in == null) {
          throw new IllegalStateException("no " + PROBE_FILE + " beside " + QueryLimits.class);
        }
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] cells = line.split("\t", 2);
          (cells[0].equals(Languages.ZH) ? zh : en).add(cells[1].strip());
        }
        return Map.of(Languages.ZH, List.copyOf(zh), Languages.EN, List.copyOf(en));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + PROBE_FILE, e);
      }
    }
  }
}
