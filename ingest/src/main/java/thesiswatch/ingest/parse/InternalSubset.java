package thesiswatch.ingest.parse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * A DOCTYPE's internal subset read for the few declarations a feed can safely have, so that such a
 * feed is read instead of refused: an entity naming a piece of plain text ({@code <!ENTITY id
 * "tag:example.com,">}), expanded here, once, in the document's text; and a reference to one of
 * XHTML's entity sets ({@code <!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN"
 * ...> %HTMLlat1;}), which is never fetched, since those names are HTML's and the entity repair
 * ({@link XmlRepairs}) knows them all. Anything else in the subset — an entity whose text refers to
 * another entity (how entity expansion attacks multiply), an external entity (XXE), any other
 * parameter entity, an element or attribute declaration — refuses the document as {@code
 * doctype_refused}: no XML parser ever sees a DOCTYPE.
 *
 * <p>Feedparser reads the same subset so; it drops what it does not trust and goes on, where this
 * refuses it, because a document whose entities were dropped would be published with its references
 * as text.
 */
final class InternalSubset {

  /** Most entities a subset may declare. */
  static final int MAX_ENTITIES = 64;

  /** Longest text an entity may name, in characters. */
  static final int MAX_VALUE = 1_000;

  /** Longest entity name looked for after an ampersand. */
  private static final int MAX_NAME = 256;

  /** Most characters expansion may add to a document. */
  static final int MAX_GROWTH = 1_000_000;

  private static final String NAME = "[\\p{L}_:][\\p{L}\\p{N}._:-]*";

  private static final Pattern GENERAL_ENTITY =
      Pattern.compile("<!ENTITY\\s+(" + NAME + ")\\s+(\"[^\"]*\"|'[^']*')\\s*>");

  private static final Pattern XHTML_ENTITY_SET =
      Pattern.compile(
          "<!ENTITY\\s+%\\s*("
              + NAME
              + ")\\s+PUBLIC\\s+([\"'])-//W3C//ENTITIES [A-Za-z0-9 ]+ for XHTML//EN\\2"
              + "(\\s+(\"[^\"]*\"|'[^']*'))?\\s*>");

  private static final Pattern PARAMETER_REFERENCE = Pattern.compile("%(" + NAME + ");");

  /** A character reference: the only markup an entity's text may hold. */
  private static final Pattern CHARACTER_REFERENCE =
      Pattern.compile("&#([0-9]{1,7}|x[0-9A-Fa-f]{1,6});");

  private static final Set<String> PREDEFINED = Set.of("amp", "lt", "gt", "quot", "apos");

  private InternalSubset() {}

  /**
   * {@code xml} without the DOCTYPE whose internal subset opens at {@code open} (the {@code [}),
   * its entities expanded; {@code doctypeStart} is where the DOCTYPE begins.
   *
   * @throws FeedFault {@code doctype_refused} for a subset with anything but what the class comment
   *     allows, or one that never closes
   */
  static String expand(String xml, int doctypeStart, int open) throws FeedFault {
    Map<String, String> entities = new HashMap<>();
    Set<String> entitySets = new HashSet<>();
    int i = open + 1;
    while (true) {
      i = skipWhitespace(xml, i);
      if (i >= xml.length()) {
        throw refused("its internal subset never closes");
      }
      if (xml.charAt(i) == ']') {
        int close = skipWhitespace(xml, i + 1);
        if (close >= xml.length() || xml.charAt(close) != '>') {
          throw refused("its internal subset never closes");
        }
        String rest = xml.substring(0, doctypeStart) + xml.substring(close + 1);
        return entities.isEmpty() ? rest : substitute(rest, entities);
      }
      if (xml.startsWith("<!--", i)) {
        int end = xml.indexOf("-->", i + 4);
        if (end < 0) {
          throw refused("a comment in its internal subset never closes");
        }
        i = end + 3;
        continue;
      }
      Matcher general = GENERAL_ENTITY.matcher(xml).region(i, xml.length());
      if (general.lookingAt()) {
        String value = general.group(2).substring(1, general.group(2).length() - 1);
        if (!plainText(value)) {
          throw refused("the entity " + general.group(1) + " is not plain text");
        }
        if (!PREDEFINED.contains(general.group(1))) {
          // The first declaration of a name binds, as in XML.
          entities.putIfAbsent(general.group(1), value);
        }
        if (entities.size() > MAX_ENTITIES) {
          throw refused("it declares more than " + MAX_ENTITIES + " entities");
        }
        i = general.end();
        continue;
      }
      Matcher entitySet = XHTML_ENTITY_SET.matcher(xml).region(i, xml.length());
      if (entitySet.lookingAt()) {
        entitySets.add(entitySet.group(1));
        i = entitySet.end();
        continue;
      }
      Matcher reference = PARAMETER_REFERENCE.matcher(xml).region(i, xml.length());
      if (reference.lookingAt() && entitySets.contains(reference.group(1))) {
        i = reference.end();
        continue;
      }
      throw refused(
          "its internal subset declares more than plain-text entities (entity expansion and"
              + " XXE live there)");
    }
  }

  /** No markup but character references, and short. */
  private static boolean plainText(String value) {
    if (value.length() > MAX_VALUE || value.indexOf('<') >= 0 || value.indexOf('%') >= 0) {
      return false;
    }
    return CHARACTER_REFERENCE.matcher(value).replaceAll("").indexOf('&') < 0;
  }

  /**
   * Each reference to a declared entity in {@code xml} replaced by its text, except inside CDATA
   * sections and comments, where a reference is text.
   */
  private static String substitute(String xml, Map<String, String> entities) throws FeedFault {
    StringBuilder out = new StringBuilder(xml.length());
    int i = 0;
    while (i < xml.length()) {
      char c = xml.charAt(i);
      String verbatimEnd =
          xml.startsWith("<![CDATA[", i) ? "]]>" : xml.startsWith("<!--", i) ? "-->" : null;
      if (verbatimEnd != null) {
        int end = xml.indexOf(verbatimEnd, i);
        int stop = end < 0 ? xml.length() : end + verbatimEnd.length();
        out.append(xml, i, stop);
        i = stop;
        continue;
      }
      int semicolon = c == '&' ? xml.indexOf(';', i) : -1;
      if (semicolon - i > MAX_NAME + 1) {
        semicolon = -1; // a stray ampersand: no name is this long
      }
      String value = semicolon > i ? entities.get(xml.substring(i + 1, semicolon)) : null;
      if (value == null) {
        out.append(c);
        i++;
        continue;
      }
      // Quotes as references: the reference may stand in an attribute value.
      out.append(value.replace("\"", "&quot;").replace("'", "&apos;"));
      if (out.length() > xml.length() + MAX_GROWTH) {
        throw refused(
            "its entities expand the document by more than " + MAX_GROWTH + " characters");
      }
      i = semicolon + 1;
    }
    return out.toString();
  }

  private static int skipWhitespace(String xml, int i) {
    while (i < xml.length() && Character.isWhitespace(xml.charAt(i))) {
      i++;
    }
    return i;
  }

  private static FeedFault refused(String why) {
    return new FeedFault(FaultKind.DOCTYPE_REFUSED, "parse: a DOCTYPE is refused: " + why);
  }
}
