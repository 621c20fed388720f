package thesiswatch.backfill.warc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import thesiswatch.backfill.RawItem;
import thesiswatch.common.Json;
import thesiswatch.common.Links;

/**
 * What a news page says about itself, read with jsoup, in order of trust: JSON-LD ({@code
 * NewsArticle} and its kin), then Open Graph, then plain {@code <meta>} and {@code <html lang>}. A
 * page is an article when one of them says so (a JSON-LD article type, {@code og:type=article}, or
 * a published time); home pages and indexes are not.
 */
public final class PageMetadata {

  /** The schema.org types that make a page a news item. */
  static final Set<String> ARTICLE_TYPES =
      Set.of(
          "newsarticle",
          "article",
          "reportagenewsarticle",
          "analysisnewsarticle",
          "opinionnewsarticle",
          "backgroundnewsarticle",
          "reviewnewsarticle",
          "blogposting",
          "liveblogposting",
          "techarticle",
          "report");

  private static final List<String> PUBLISHED_META =
      List.of(
          "meta[property=article:published_time]",
          "meta[itemprop=datePublished]",
          "meta[name=pubdate]",
          "meta[name=publishdate]",
          "meta[name=publish-date]",
          "meta[name=article:published_time]",
          "meta[name=parsely-pub-date]",
          "meta[name=sailthru.date]",
          "meta[name=dc.date.issued]",
          "meta[name=DC.date.issued]",
          "meta[name=dcterms.created]",
          "meta[name=date]");

  /**
   * Why a page gives no article.
   *
   * @param kind {@code not_an_article} or {@code missing_title}
   */
  public record Refusal(String kind) {}

  private PageMetadata() {}

  /**
   * The item {@code html}, fetched from {@code target}, describes; or why it describes none.
   *
   * @return a {@link RawItem} or a {@link Refusal}
   */
  public static Object read(String html, String target) {
    Document page = Jsoup.parse(html, target);
    JsonNode ld = articleNode(page);
    String published =
        firstNonBlank(
            ld == null ? null : text(ld, "datePublished"),
            ld == null ? null : text(ld, "dateCreated"),
            meta(page, PUBLISHED_META));
    boolean article =
        ld != null
            || "article".equalsIgnoreCase(meta(page, List.of("meta[property=og:type]")))
            || published != null;
    if (!article) {
      return new Refusal("not_an_article");
    }
    String title =
        firstNonBlank(
            ld == null ? null : text(ld, "headline"),
            meta(page, List.of("meta[property=og:title]", "meta[name=twitter:title]")),
            ld == null ? null : text(ld, "name"),
            page.title());
    if (title == null) {
      return new Refusal("missing_title");
    }
    String canonical = attr(page, "link[rel=canonical]", "abs:href");
    String link =
        firstNonBlank(
            Links.canonical(canonical),
            Links.resolve(meta(page, List.of("meta[property=og:url]")), target),
            ld == null ? null : Links.resolve(text(ld, "url"), target),
            ld == null ? null : Links.resolve(id(ld.path("mainEntityOfPage")), target),
            target);
    String lang =
        firstNonBlank(
            ld == null ? null : text(ld, "inLanguage"),
            page.selectFirst("html") == null ? null : blank(page.selectFirst("html").attr("lang")),
            meta(page, List.of("meta[property=og:locale]")),
            meta(page, List.of("meta[http-equiv=content-language]", "meta[name=language]")));
    String summary =
        firstNonBlank(
            meta(page, List.of("meta[property=og:description]")),
            meta(page, List.of("meta[name=description]")),
            ld == null ? null : text(ld, "description"));
    String outlet =
        firstNonBlank(
            meta(page, List.of("meta[property=og:site_name]")),
            ld == null ? null : text(ld.path("publisher"), "name"));
    String host = Links.host(link);
    String outletUrl = host == null ? target : "https://" + host + "/";
    return new RawItem(null, title, link, summary, published, lang, outletUrl, outlet);
  }

  /** The first JSON-LD node whose {@code @type} is an article type, in arrays and graphs too. */
  static JsonNode articleNode(Document page) {
    for (Element script : page.select("script[type=application/ld+json]")) {
      JsonNode root;
      try {
        root = Json.MAPPER.readTree(script.data());
      } catch (IOException | RuntimeException e) {
        continue; // a broken block is skipped; the page's other metadata still counts
      }
      JsonNode found = find(root, 0);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static JsonNode find(JsonNode node, int depth) {
    if (node == null || depth > 8) {
      return null;
    }
    if (node.isArray()) {
      for (JsonNode child : node) {
        JsonNode found = find(child, depth + 1);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (!node.isObject()) {
      return null;
    }
    for (String type : types(node.path("@type"))) {
      if (ARTICLE_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
        return node;
      }
    }
    return find(node.path("@graph"), depth + 1);
  }

  private static List<String> types(JsonNode type) {
    List<String> out = new ArrayList<>();
    if (type.isTextual()) {
      out.add(type.asText().replaceFirst("^https?://schema\\.org/", ""));
    } else if (type.isArray()) {
      type.forEach(t -> out.add(t.asText().replaceFirst("^https?://schema\\.org/", "")));
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isArray() && !value.isEmpty()) {
      value = value.get(0);
    }
    if (value.isObject()) {
      value = value.has("@value") ? value.path("@value") : value.path("name");
    }
    return value.isValueNode() ? blank(value.asText()) : null;
  }

  private static String id(JsonNode node) {
    if (node.isTextual()) {
      return blank(node.asText());
    }
    return node.isObject() ? blank(node.path("@id").asText(null)) : null;
  }

  private static String meta(Document page, List<String> selectors) {
    for (String selector : selectors) {
      Element element = page.selectFirst(selector);
      if (element != null && !element.attr("content").isBlank()) {
        return element.attr("content").strip();
      }
    }
    return null;
  }

  private static String attr(Document page, String selector, String attribute) {
    Element element = page.selectFirst(selector);
    return element == null ? null : blank(element.attr(attribute));
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
