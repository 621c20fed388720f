package thesiswatch.classifier.match;

import thesiswatch.common.Article;

/**
 * The text of one article as the matcher sees it.
 *
 * @param title the headline, never blank
 * @param summary the summary, possibly empty
 */
public record Headline(String title, String summary) {

  /** Characters of the summary considered: headlines and their first paragraph carry the topic. */
  public static final int MAX_SUMMARY_CHARS = 1_000;

  public Headline {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("title must not be blank");
    }
    summary = summary == null ? "" : summary;
    if (summary.length() > MAX_SUMMARY_CHARS) {
      summary = summary.substring(0, MAX_SUMMARY_CHARS);
    }
  }

  /** The headline of {@code article}. */
  public static Headline of(Article article) {
    return new Headline(article.title(), article.summary());
  }

  /** Title and summary as one text; the title comes first, so title offsets are text offsets. */
  public String text() {
    return summary.isEmpty() ? title : title + "\n" + summary;
  }
}
