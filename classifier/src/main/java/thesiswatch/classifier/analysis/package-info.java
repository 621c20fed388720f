/**
 * Text analysis shared by theme queries and articles: the analyzers of each field and the query
 * parsers per language. The Chinese chain itself (Traditional→Simplified by ICU, SmartCN, bigrams)
 * is {@link thesiswatch.common.analysis.ChineseAnalysis}, shared with the dashboard; script
 * detection is {@link thesiswatch.common.Languages}.
 */
package thesiswatch.classifier.analysis;
