package thesiswatch.backfill.run;

import java.util.List;
import thesiswatch.common.Article;

/**
 * What one step produced: its articles (already marked with their backfill origin), or the
 * classified kind of problem that made it unusable.
 *
 * @param articles the articles found, possibly none
 * @param problem a stable key such as {@code http_404}, {@code not_a_feed}, {@code missing_title};
 *     null when the step was usable
 */
public record Outcome(List<Article> articles, String problem) {

  public Outcome {
    articles = List.copyOf(articles);
  }

  /** A usable step. */
  public static Outcome of(List<Article> articles) {
    return new Outcome(articles, null);
  }

  /** A step that was skipped as not news (a request record, an image): no article, no problem. */
  public static Outcome nothing() {
    return new Outcome(List.of(), null);
  }

  /** An unusable step, counted under {@code kind}. */
  public static Outcome problem(String kind) {
    return new Outcome(List.of(), kind);
  }
}
