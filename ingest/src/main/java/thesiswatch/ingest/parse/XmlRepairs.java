package thesiswatch.ingest.parse;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;

/**
 * The repairs a feed that is not well-formed XML gets, one at a time, each only when the strict
 * parser's error asks for it (so a well-formed feed never pays for them) and each at most once:
 *
 * <ul>
 *   <li>{@link Repair#PREFIXES}: namespace prefixes used but never declared ({@code content:},
 *       {@code itunes:}, {@code media:}, {@code dc:} …) are declared on the root element, with
 *       their usual namespace when they have one, so ROME's modules still read them;
 *   <li>{@link Repair#ENTITIES}: HTML entities become numeric references, stray ampersands are
 *       escaped;
 *   <li>{@link Repair#MARKUP}: stray and mismatched end tags are fixed by re-reading the document
 *       with jsoup's lenient XML parser and writing it out well-formed — only for a complete
 *       document (its root's end tag present), so a truncated download is still refused rather than
 *       published as a guess;
 *   <li>{@link Repair#TRAILING}: text after the root element's end tag (a PHP notice, a second copy
 *       of the feed) is dropped;
 *   <li>{@link Repair#ROOT_END}: a document that ends in its root element's end tag without the
 *       closing {@code >} ({@code ...</entry></feed}) gets it: every element and all the text are
 *       there, so nothing is guessed. A document cut anywhere else is still refused.
 * </ul>
 */
final class XmlRepairs {

  /** One repair, applied to the whole text. */
  enum Repair {
    PREFIXES(XmlRepairs::declarePrefixes),
    ENTITIES(XmlRepairs::healEntities),
    MARKUP(XmlRepairs::balanceMarkup),
    TRAILING(XmlRepairs::dropTrailing),
    ROOT_END(XmlRepairs::closeRootEnd);

    private final UnaryOperator<String> repair;

    Repair(UnaryOperator<String> repair) {
      this.repair = repair;
    }

    String apply(String xml) {
      return repair.apply(xml);
    }
  }

  /** The namespaces feeds use by their customary prefixes, for prefixes a feed left undeclared. */
  private static final Map<String, String> KNOWN_PREFIXES =
      Map.ofEntries(
          Map.entry("atom", "http://www.w3.org/2005/Atom"),
          Map.entry("content", "http://purl.org/rss/1.0/modules/content/"),
          Map.entry("dc", XmlDocuments.DC.getURI()),
          Map.entry("dcterms", "http://purl.org/dc/terms/"),
          Map.entry("feedburner", "http://rssnamespace.org/feedburner/ext/1.0"),
          Map.entry("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#"),
          Map.entry("georss", "http://www.georss.org/georss"),
          Map.entry("googleplay", "http://www.google.com/schemas/play-podcasts/1.0"),
          Map.entry("itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"),
          Map.entry("media", "http://search.yahoo.com/mrss/"),
          Map.entry("podcast", "https://podcastindex.org/namespace/1.0"),
          Map.entry("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
          Map.entry("slash", "http://purl.org/rss/1.0/modules/slash/"),
          Map.entry("sy", "http://purl.org/rss/1.0/modules/syndication/"),
          Map.entry("wfw", "http://wellformedweb.org/CommentAPI/"),
          Map.entry("xhtml", "http://www.w3.org/1999/xhtml"));

  /** Where a prefix the feed never declared is put when it has no customary namespace. */
  private static final String UNDECLARED = "urn:x-thesiswatch:undeclared:";

  private static final Pattern ELEMENT_PREFIX =
      Pattern.compile("</?([A-Za-z_][A-Za-z0-9_.-]*):[A-Za-z_]");
  private static final Pattern ATTRIBUTE_PREFIX =
      Pattern.compile("\\s([A-Za-z_][A-Za-z0-9_.-]*):[A-Za-z_][A-Za-z0-9_.-]*\\s*=");
  private static final Pattern DECLARED_PREFIX =
      Pattern.compile("xmlns:([A-Za-z_][A-Za-z0-9_.-]*)\\s*=");
  private static final Pattern ROOT_NAME = Pattern.compile("<([A-Za-z_][A-Za-z0-9_.:-]*)");

  private static final Pattern NAMED_ENTITY = Pattern.compile("&([A-Za-z][A-Za-z0-9]{0,31});");
  private static final Pattern STRAY_AMPERSAND =
      Pattern.compile("&(?!#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)");
  private static final Set<String> XML_ENTITIES = Set.of("amp", "lt", "gt", "quot", "apos");

  private XmlRepairs() {}

  /**
   * The repair to try after the strict parse failed with {@code message} on {@code xml}, given
   * those {@code applied} already; null when none is left to try.
   */
  static Repair next(String message, String xml, Set<Repair> applied) {
    if (!applied.contains(Repair.ROOT_END) && unclosedRootEnd(xml) >= 0) {
      return Repair.ROOT_END;
    }
    if (message.contains("is not bound") && !applied.contains(Repair.PREFIXES)) {
      return Repair.PREFIXES;
    }
    if ((message.contains("trailing section") || message.contains("following the root element"))
        && !applied.contains(Repair.TRAILING)
        && rootEndTag(xml) >= 0) {
      return Repair.TRAILING;
    }
    if (!applied.contains(Repair.ENTITIES)) {
      return Repair.ENTITIES;
    }
    if (!applied.contains(Repair.MARKUP) && isComplete(xml)) {
      return Repair.MARKUP;
    }
    return null;
  }

  /** Declares, on the root element, every prefix used in the document that the root does not. */
  static String declarePrefixes(String xml) {
    int root = XmlCleaner.rootStart(xml);
    int rootEnd = tagEnd(xml, root);
    if (rootEnd < 0) {
      return xml;
    }
    Set<String> used = new LinkedHashSet<>();
    collect(ELEMENT_PREFIX.matcher(xml), used);
    collect(ATTRIBUTE_PREFIX.matcher(xml), used);
    used.remove("xml");
    used.remove("xmlns");
    Set<String> declared = new LinkedHashSet<>();
    collect(DECLARED_PREFIX.matcher(xml.substring(root, rootEnd)), declared);
    used.removeAll(declared);
    if (used.isEmpty()) {
      return xml;
    }
    StringBuilder declarations = new StringBuilder();
    for (String prefix : used) {
      String uri = KNOWN_PREFIXES.getOrDefault(prefix, UNDECLARED + prefix);
      declarations.append(" xmlns:").append(prefix).append("=\"").append(uri).append('"');
    }
    int insert = xml.charAt(rootEnd - 1) == '/' ? rootEnd - 1 : rootEnd;
    return xml.substring(0, insert) + declarations + xml.substring(insert);
  }

  /** HTML entities as numeric references, unknown entities and stray ampersands escaped. */
  static String healEntities(String xml) {
    Matcher entity = NAMED_ENTITY.matcher(xml);
    StringBuilder out = new StringBuilder(xml.length() + 64);
    while (entity.find()) {
      String name = entity.group(1);
      String replacement;
      if (XML_ENTITIES.contains(name)) {
        replacement = entity.group();
      } else if (Entities.isNamedEntity(name)) {
        StringBuilder numeric = new StringBuilder();
        Entities.getByName(name)
            .codePoints()
            .forEach(cp -> numeric.append("&#").append(cp).append(';'));
        replacement = numeric.toString();
      } else {
        replacement = "&amp;" + name + ";";
      }
      entity.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    entity.appendTail(out);
    return STRAY_AMPERSAND.matcher(out).replaceAll("&amp;");
  }

  /** The document re-read by jsoup's lenient XML parser and written out well-formed. */
  static String balanceMarkup(String xml) {
    Document document = Parser.xmlParser().parseInput(xml, "");
    document
        .outputSettings()
        .prettyPrint(false)
        .syntax(Document.OutputSettings.Syntax.xml)
        .escapeMode(Entities.EscapeMode.xhtml)
        .charset("UTF-8");
    return document.outerHtml();
  }

  /** The document with its root element's end tag closed ({@link #unclosedRootEnd}). */
  static String closeRootEnd(String xml) {
    int end = unclosedRootEnd(xml);
    return end < 0 ? xml : xml.substring(0, end) + ">";
  }

  /**
   * Where the root element's end tag ends when the document stops in it, just before its {@code >}
   * (white space aside): the index after its name; otherwise -1.
   */
  private static int unclosedRootEnd(String xml) {
    int root = XmlCleaner.rootStart(xml);
    Matcher name = ROOT_NAME.matcher(xml);
    if (root >= xml.length() || !name.find(root) || name.start() != root) {
      return -1;
    }
    int content = xml.length();
    while (content > 0 && Character.isWhitespace(xml.charAt(content - 1))) {
      content--;
    }
    String end = "</" + name.group(1);
    return xml.startsWith(end, content - end.length()) ? content : -1;
  }

  /** The document without what follows its root element's last end tag. */
  static String dropTrailing(String xml) {
    int end = rootEndTag(xml);
    return end < 0 ? xml : xml.substring(0, end + 1);
  }

  /**
   * True when the document ends with its root element's end tag (trailing whitespace and comments
   * aside): nothing was cut off.
   */
  static boolean isComplete(String xml) {
    int gt = rootEndTag(xml);
    return gt >= 0 && xml.substring(gt + 1).replaceAll("(?s)<!--.*?-->", "").isBlank();
  }

  /** The index of the {@code >} of the root element's last end tag, or -1 when there is none. */
  private static int rootEndTag(String xml) {
    int root = XmlCleaner.rootStart(xml);
    Matcher name = ROOT_NAME.matcher(xml);
    if (root >= xml.length() || !name.find(root) || name.start() != root) {
      return -1;
    }
    String end = "</" + name.group(1);
    int close = xml.lastIndexOf(end);
    if (close < 0) {
      return -1;
    }
    int gt = xml.indexOf('>', close);
    return gt >= 0 && xml.substring(close + end.length(), gt).isBlank() ? gt : -1;
  }

  private static void collect(Matcher matcher, Set<String> into) {
    while (matcher.find()) {
      into.add(matcher.group(1));
    }
  }

  /** The index of the {@code >} closing the tag that starts at {@code start}, or -1. */
  private static int tagEnd(String xml, int start) {
    char quote = 0;
    for (int i = start + 1; i < xml.length(); i++) {
      char c = xml.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i;
      }
    }
    return -1;
  }
}
