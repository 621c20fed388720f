package thesiswatch.classifier.analysis;

/** The fields an article is indexed into for matching; theme queries may name them. */
public final class Fields {

  /** Chinese words as SmartCN segments them. The default field of Chinese queries. */
  public static final String ZH = "zh";

  /**
   * Chinese as overlapping character bigrams: a phrase of bigrams is a substring match, so a term
   * matches wherever SmartCN's segmentation of the surrounding text splits it differently.
   */
  public static final String ZH_BIGRAM = "zh_bigram";

  /** English words, stemmed, without stop words. The default field of English queries. */
  public static final String EN = "en";

  private Fields() {}
}
