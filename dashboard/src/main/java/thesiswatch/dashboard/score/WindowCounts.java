package thesiswatch.dashboard.score;

import java.time.Instant;

/**
 * What the index holds for one theme in one window.
 *
 * @param from the window's start
 * @param to the window's end, exclusive
 * @param total all articles in the window
 * @param themed the theme's articles
 * @param supports the theme's articles that support the claim
 * @param challenges the theme's articles that challenge it
 */
public record WindowCounts(
    Instant from, Instant to, long total, long themed, long supports, long challenges) {

  public WindowCounts {
    if (themed > total || supports + challenges > themed || supports < 0 || challenges < 0) {
      throw new IllegalArgumentException(
          "inconsistent counts: total "
              + total
              + ", themed "
              + themed
              + ", supports "
              + supports
              + ", challenges "
              + challenges);
    }
  }

  /** The theme's articles that take neither side. */
  public long neutral() {
    return themed - supports - challenges;
  }

  /** The theme's articles that take a side. */
  public long stanceBearing() {
    return supports + challenges;
  }
}
