/**
 * The themes the dashboard knows, kept in step with the classifier's hot reload: {@link
 * thesiswatch.dashboard.themes.LiveThemes} re-reads the themes file when a tag names a theme or a
 * theme-set version it has not seen.
 */
package thesiswatch.dashboard.themes;
