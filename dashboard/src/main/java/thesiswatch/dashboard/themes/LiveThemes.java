package thesiswatch.dashboard.themes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.common.ThemeMatch;

/**
 * The theme catalog the dashboard serves, kept in step with the classifier. The classifier re-reads
 * the themes file when it changes and tags new articles with the new version at once; the dashboard
 * reads the same file, and re-reads it when a tag names a theme or a theme-set version it does not
 * hold — so a theme added by the classifier's reload is known here before its first article is
 * searchable, not refused as {@code unknown_theme} until a restart.
 *
 * <p>A version or id the file does not have (history tagged by an older file, a hostile record)
 * costs one look at the file's size and modification time; the file is read again only when those
 * differ from the last attempt. A file that is not valid any more keeps the themes held, as the
 * classifier keeps its own.
 *
 * <p>{@link #current()} and {@link #ids()} are read from any thread; {@link #observe} is called by
 * one thread at a time (the consumer's).
 */
public final class LiveThemes {

  private static final Logger LOG = LoggerFactory.getLogger(LiveThemes.class);

  /** The catalog with its ids, swapped as one. */
  private record Held(ThemeCatalog catalog, Set<String> ids) {}

  /** What identifies one state of the file without reading it. */
  private record FileState(long size, long modifiedNanos) {}

  private final Path file;
  private final List<Consumer<ThemeCatalog>> listeners = new CopyOnWriteArrayList<>();
  private volatile Held held;

  /** The file as it was at the last read attempt, successful or not. */
  private FileState attempted;

  private LiveThemes(Path file, ThemeCatalog catalog, FileState state) {
    this.file = file;
    this.held = held(catalog);
    this.attempted = state;
  }

  /**
   * The themes of {@code file}.
   *
   * @throws IllegalArgumentException when it is not a valid themes file, naming it and why
   * @throws UncheckedIOException when it cannot be read
   */
  public static LiveThemes load(Path file) {
    FileState state = stateOf(file);
    return new LiveThemes(file, ThemeCatalog.load(file), state);
  }

  /** The catalog now. */
  public ThemeCatalog current() {
    return held.catalog();
  }

  /** The theme ids of the catalog now, in file order. */
  public Set<String> ids() {
    return held.ids();
  }

  /** Calls {@code listener} with every new catalog, on the thread that read it. */
  public void onChange(Consumer<ThemeCatalog> listener) {
    listeners.add(listener);
  }

  /**
   * Re-reads the file when {@code article} names a theme-set version or a theme id not held and the
   * file changed since the last attempt. Never throws: a file that cannot be read or is not valid
   * is logged and the catalog held is kept.
   */
  public synchronized void observe(TaggedArticle article) {
    Held now = held;
    boolean unknown =
        article.themeSetVersion() != null
            && !article.themeSetVersion().equals(now.catalog().version());
    for (ThemeMatch match : article.themes()) {
      unknown |= !now.ids().contains(match.id());
    }
    if (unknown) {
      reloadIfChanged();
    }
  }

  private void reloadIfChanged() {
    try {
      FileState state = stateOf(file);
      if (state.equals(attempted)) {
        return;
      }
      attempted = state;
      ThemeCatalog catalog = ThemeCatalog.load(file);
      Held previous = held;
      if (catalog.equals(previous.catalog())) {
        return;
      }
      held = held(catalog);
      LOG.info(
          "dashboard: themes file {} changed (version {} -> {}); themes now {}",
          file,
          previous.catalog().version(),
          catalog.version(),
          held.ids());
      listeners.forEach(listener -> listener.accept(catalog));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      LOG.warn("dashboard: keeping themes {}: {}", held.ids(), e.getMessage());
    }
  }

  private static Held held(ThemeCatalog catalog) {
    Set<String> ids = new LinkedHashSet<>();
    catalog.themes().forEach(theme -> ids.add(theme.id()));
    return new Held(catalog, Collections.unmodifiableSet(ids));
  }

  private static FileState stateOf(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileState(
          attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read themes file " + file, e);
    }
  }
}
