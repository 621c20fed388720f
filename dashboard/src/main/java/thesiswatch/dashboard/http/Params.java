package thesiswatch.dashboard.http;

import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import thesiswatch.common.Languages;
import thesiswatch.common.Numbers;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.index.ArticleFilter;
import thesiswatch.dashboard.index.BadQueryException;

/**
 * Reads and checks query parameters. Every bad value becomes a {@link BadQueryException} (HTTP 400
 * naming the parameter), never an exception the server would answer with 500.
 */
final class Params {

  /** Longest value accepted for any free-text parameter other than {@code q}. */
  static final int MAX_VALUE_LENGTH = 200;

  /** Earliest instant a date parameter may name. */
  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  /**
   * Latest instant a date parameter may name: bucket and millisecond arithmetic stays far from
   * overflow inside this range, and no news falls outside it.
   */
  static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private static final Set<String> STANCES =
      Set.of(ThemeMatch.SUPPORTS, ThemeMatch.CHALLENGES, ThemeMatch.NEUTRAL);

  /** Most allowed values a refusal names; beyond it, it points to {@code /api/sources}. */
  static final int MAX_NAMED = 30;

  private final Context ctx;
  private final Set<String> themeIds;
  private final Supplier<Set<String>> sources;
  private final Supplier<Set<String>> langs;

  /** Parameters of {@code ctx} where only the given themes are known and any source or language. */
  Params(Context ctx, Set<String> themeIds) {
    this(ctx, themeIds, null, null);
  }

  /**
   * Parameters of {@code ctx}; {@code sources} and {@code langs} (asked only when the parameter is
   * given; null: anything goes) are the values {@code source=} and {@code lang=} may take.
   */
  Params(
      Context ctx,
      Set<String> themeIds,
      Supplier<Set<String>> sources,
      Supplier<Set<String>> langs) {
    this.ctx = ctx;
    this.themeIds = themeIds;
    this.sources = sources;
    this.langs = langs;
  }

  /** The raw value, null when absent or blank. */
  String string(String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!name.equals("q") && value.length() > MAX_VALUE_LENGTH) {
      throw bad(name, "is longer than " + MAX_VALUE_LENGTH + " characters");
    }
    return value.strip();
  }

  /** An integer in {@code [min, max]}, or {@code fallback} when absent. */
  int integer(String name, int fallback, int min, int max) {
    String value = string(name);
    if (value == null) {
      return fallback;
    }
    return Numbers.integer(value, min, max)
        .orElseThrow(
            () ->
                bad(
                    name,
                    "must be an integer from " + min + " to " + max + ", not '" + value + "'"));
  }

  /** A known theme id, or null when absent. */
  String theme() {
    String value = string("theme");
    if (value != null && !themeIds.contains(value)) {
      throw new BadQueryException(
          "unknown_theme", "theme must be one of " + themeIds + ", not '" + value + "'");
    }
    return value;
  }

  /**
   * An instant given as ISO-8601 ({@code 2025-02-10T00:00:00Z}) or a UTC date ({@code 2025-02-10}),
   * from {@link #EARLIEST} to {@link #LATEST}.
   */
  Instant instant(String name) {
    return instant(name, ZoneOffset.UTC);
  }

  /** The same, a date taken as midnight in {@code zone}, so that a day range names whole days. */
  Instant instant(String name, ZoneId zone) {
    String value = string(name);
    if (value == null) {
      return null;
    }
    Instant instant;
    try {
      if (value.length() == 10) {
        instant = LocalDate.parse(value).atStartOfDay(zone).toInstant();
      } else {
        instant = Instant.parse(value);
      }
    } catch (DateTimeParseException e) {
      throw bad(
          name, "must be an ISO-8601 instant or date such as 2025-02-10, not '" + value + "'");
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw bad(name, "must be from 1970-01-01 to 2100-01-01, not '" + value + "'");
    }
    return instant;
  }

  /** The zone named by {@code tz=} (an IANA id such as {@code Asia/Shanghai}), UTC when absent. */
  ZoneId zone() {
    String tz = string("tz");
    if (tz == null || tz.equals("UTC") || tz.equals("Z")) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw bad("tz", "must be an IANA time zone such as Asia/Shanghai or UTC, not '" + tz + "'");
    }
  }

  /** The filters {@code theme, stance, lang, source, from, to}, dates in UTC. */
  ArticleFilter filter() {
    return filter(ZoneOffset.UTC);
  }

  /** The filters {@code theme, stance, lang, source, from, to}, dates as days in {@code zone}. */
  ArticleFilter filter(ZoneId zone) {
    String stance = string("stance");
    if (stance != null && !STANCES.contains(stance)) {
      throw bad("stance", "must be supports, challenges or neutral, not '" + stance + "'");
    }
    String given = string("lang");
    String lang = given == null ? null : Languages.primary(given);
    if (given != null && lang == null) {
      throw bad(
          "lang",
          "must be a language code such as en or zh, not '" + given.toLowerCase(Locale.ROOT) + "'");
    }
    if (lang != null && langs != null) {
      known("lang", lang, langs.get());
    }
    String source = string("source");
    if (source != null && sources != null) {
      known("source", source, sources.get());
    }
    Instant from = instant("from", zone);
    Instant to = instant("to", zone);
    if (from != null && to != null && !from.isBefore(to)) {
      throw bad("from", "must be before to");
    }
    return new ArticleFilter(theme(), stance, lang, source, from, to);
  }

  /** Refuses {@code value} of {@code name} unless it is one of {@code allowed}, naming them. */
  private static void known(String name, String value, Set<String> allowed) {
    if (allowed.contains(value)) {
      return;
    }
    List<String> named = new ArrayList<>(new TreeSet<>(allowed));
    String list =
        named.size() <= MAX_NAMED
            ? named.toString()
            : named.subList(0, MAX_NAMED)
                + " and "
                + (named.size() - MAX_NAMED)
                + " more (see /api/sources)";
    throw new BadQueryException(
        "unknown_" + name, name + " must be one of " + list + ", not '" + value + "'");
  }

  static BadQueryException bad(String name, String problem) {
    return new BadQueryException("bad_parameter", name + " " + problem);
  }
}
