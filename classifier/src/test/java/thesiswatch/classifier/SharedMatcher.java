package thesiswatch.classifier;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import thesiswatch.classifier.match.Classification;
import thesiswatch.classifier.match.Headline;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.ThemeMatch;

/**
 * One matcher of a themes file for all the tests of a class, built before the first and closed
 * after the last: {@code @RegisterExtension static final SharedMatcher matcher = new
 * SharedMatcher(Fixtures.THEMES);}.
 */
public final class SharedMatcher implements BeforeAllCallback, AfterAllCallback {

  private final Path themesFile;
  private ThemeMatcher matcher;

  /** A matcher of {@code themesFile}. */
  public SharedMatcher(Path themesFile) {
    this.themesFile = themesFile;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    matcher = ThemeMatcher.of(ThemeSet.load(themesFile));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    matcher.close();
  }

  /** See {@link ThemeMatcher#classify}. */
  public Classification classify(Headline headline) {
    return matcher.classify(headline);
  }

  /** See {@link ThemeMatcher#classifyAll}. */
  public List<Classification> classifyAll(List<Headline> headlines) {
    return matcher.classifyAll(headlines);
  }

  /** The matcher itself. */
  public ThemeMatcher get() {
    return matcher;
  }

  /** The themes of a headline {@code title} with no summary. */
  public List<ThemeMatch> themesOf(String title) {
    return classify(new Headline(title, "")).themes();
  }
}
