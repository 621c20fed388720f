package thesiswatch.classifier.match;

import java.util.List;
import thesiswatch.common.ThemeMatch;

/**
 * What the matcher found in one headline.
 *
 * @param language the detected primary language, {@code zh} or {@code en}
 * @param mixed whether the text has both Chinese and Latin script (both were matched)
 * @param hits the themes found, strongest first
 */
public record Classification(String language, boolean mixed, List<ThemeHit> hits) {

  public Classification {
    hits = List.copyOf(hits);
  }

  /** The tags, strongest first, as published on a {@code TaggedArticle}. */
  public List<ThemeMatch> themes() {
    return hits.stream().map(ThemeHit::match).toList();
  }
}
