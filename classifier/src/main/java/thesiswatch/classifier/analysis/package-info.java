/**
 * Text analysis shared by theme queries and articles: Traditional→Simplified normalisation, the
 * analyzers of each field and the query parsers per language (script detection is {@link
 * thesiswatch.common.Languages}).
 */
package thesiswatch.classifier.analysis;
