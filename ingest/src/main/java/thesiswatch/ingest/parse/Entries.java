package thesiswatch.ingest.parse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import thesiswatch.common.ArticleIds;
import thesiswatch.common.Hashes;
import thesiswatch.common.Languages;
import thesiswatch.common.Links;

/**
 * A feed's entries as its parser finds them, whatever the format: the length caps every field gets,
 * the fallback title, and the ids, then the first entry of each id kept, in document order, at most
 * the entry cap.
 *
 * <p><b>Ids.</b> An entry's id is {@link ArticleIds}'s: from its canonical link (fragment and
 * tracking parameters dropped, so the same story reached from two feeds, or with other tracking
 * parameters, is one story), else its guid, else its title and date. One exception, decided within
 * the document: entries whose canonical links are the same but which the feed itself keeps apart —
 * by distinct guids, or else by distinct fragments ({@code page#post-1}, {@code page#post-2}) —
 * take their ids from their guids, or from their links with the fragment. Entries sharing both link
 * and guid are one story (a feed listing an item twice), and the first is kept. The cost of the
 * exception: an entry that stops sharing its page with another one (the other dropped off the feed)
 * gets its link's id back, so its story is seen once more.
 */
final class Entries {

  /** Longest title kept, in characters. */
  static final int MAX_TITLE_CHARS = 1_000;

  /** Longest summary kept, in characters: enough to classify, small enough for one Kafka record. */
  static final int MAX_SUMMARY_CHARS = 10_000;

  /**
   * Longest link kept, in characters (what browsers and sitemaps support); a longer one is dropped,
   * since a link cut short is a wrong link.
   */
  static final int MAX_LINK_CHARS = 2_048;

  /**
   * Longest guid kept as written, in characters; a longer one is replaced by {@code sha256:} and
   * its digest, which still tells the entry apart and still gives it the same id on every poll.
   */
  static final int MAX_GUID_CHARS = 2_048;

  /** Length of a title made from the summary when the entry has none. */
  private static final int FALLBACK_TITLE_CHARS = 100;

  /**
   * Entries read per document: twice the cap, so that repeated entries at the top do not starve it,
   * and a huge feed still costs a bounded amount of work.
   */
  private final int maxDrafts;

  private final int max;
  private final List<Draft> drafts = new ArrayList<>();

  Entries(int max) {
    this.max = max;
    this.maxDrafts = max > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : max * 2;
  }

  /** A link as an entry has it: canonical (for ids and output) and its fragment, or null. */
  record Link(String canonical, String fragment) {
    static final Link NONE = new Link(null, null);
  }

  /**
   * One entry's fields as its format reads them, before caps and ids.
   *
   * @param guid the entry's own id, or null
   * @param title plain text, possibly empty
   * @param summary plain text, possibly empty
   * @param link its canonical link and fragment
   * @param rawDate the date as written, or null
   * @param published the sane published time, or null
   * @param lang the feed's language, or null
   */
  record Draft(
      String guid,
      String title,
      String summary,
      Link link,
      String rawDate,
      Instant published,
      String lang) {}

  /** Whether enough entries are read: further entries are not. */
  boolean full() {
    return drafts.size() >= maxDrafts;
  }

  void add(Draft draft) {
    drafts.add(draft);
  }

  /**
   * {@code raw} resolved against {@code base} as a web link (see {@link Links#resolve}), with its
   * fragment; {@link Link#NONE} when it is none, or longer than {@link #MAX_LINK_CHARS}.
   */
  static Link link(String raw, String base) {
    if (raw == null || raw.length() > MAX_LINK_CHARS) {
      return Link.NONE;
    }
    String canonical = Links.resolve(raw, base);
    if (canonical == null || canonical.length() > MAX_LINK_CHARS) {
      return Link.NONE;
    }
    int hash = raw.indexOf('#');
    String fragment = hash < 0 ? null : Text.blankToNull(raw.substring(hash + 1).strip());
    return new Link(canonical, fragment);
  }

  /** The entries: ids given, repeats dropped, at most the cap, in document order. */
  List<FeedEntry> list() {
    Map<Draft, Identity> identities = identities();
    Map<String, FeedEntry> byId = new LinkedHashMap<>();
    for (Draft draft : drafts) {
      if (byId.size() >= max) {
        break;
      }
      FeedEntry entry = entry(draft, identities.getOrDefault(draft, Identity.LINK));
      byId.putIfAbsent(entry.id(), entry);
    }
    return new ArrayList<>(byId.values());
  }

  /** What an entry's id is made from. */
  private enum Identity {
    LINK,
    GUID,
    FRAGMENT
  }

  /** The entries that do not take their ids from their links (see the class comment). */
  private Map<Draft, Identity> identities() {
    Map<String, List<Draft>> byLink = new HashMap<>();
    for (Draft draft : drafts) {
      if (draft.link().canonical() != null) {
        byLink.computeIfAbsent(draft.link().canonical(), k -> new ArrayList<>()).add(draft);
      }
    }
    Map<Draft, Identity> identities = new IdentityHashMap<>();
    for (List<Draft> sharing : byLink.values()) {
      if (sharing.size() < 2) {
        continue;
      }
      Set<String> guids = new HashSet<>();
      Set<String> fragments = new HashSet<>();
      for (Draft draft : sharing) {
        if (draft.guid() != null) {
          guids.add(draft.guid());
        }
        fragments.add(String.valueOf(draft.link().fragment()));
      }
      for (Draft draft : sharing) {
        if (guids.size() > 1 && draft.guid() != null) {
          identities.put(draft, Identity.GUID);
        } else if (guids.size() <= 1 && fragments.size() > 1 && draft.link().fragment() != null) {
          identities.put(draft, Identity.FRAGMENT);
        }
      }
    }
    return identities;
  }

  /** One entry from its fields: a blank title falls back to the summary's start. */
  private static FeedEntry entry(Draft draft, Identity identity) {
    String guid = guid(draft.guid());
    String summary = draft.summary() == null ? "" : draft.summary();
    String title = draft.title() == null ? "" : draft.title();
    String headline = title.isBlank() ? Text.plain(summary, FALLBACK_TITLE_CHARS) : title;
    String link = draft.link().canonical();
    String date = draft.rawDate() == null ? "" : draft.rawDate().strip();
    String id =
        switch (identity) {
          case LINK -> ArticleIds.idFor(link, guid, headline, date);
          case GUID -> ArticleIds.idFor(null, guid, headline, date);
          // The feed's own way to tell the entry apart, used where ArticleIds uses the guid.
          case FRAGMENT ->
              ArticleIds.idFor(null, link + "#" + draft.link().fragment(), headline, date);
        };
    String lang = draft.lang() != null ? draft.lang() : Languages.guess(headline + summary);
    return new FeedEntry(id, guid, headline, link, summary, draft.published(), lang);
  }

  /** The guid stripped, a blank one null, a too-long one replaced by its digest. */
  private static String guid(String raw) {
    String guid = Text.blankToNull(raw == null ? null : raw.strip());
    if (guid == null || guid.length() <= MAX_GUID_CHARS) {
      return guid;
    }
    return "sha256:" + Hashes.sha256Hex(guid.getBytes(StandardCharsets.UTF_8));
  }
}
