/**
 * Text analysis shared by theme queries and articles: Traditional→Simplified normalisation, the
 * per-article script detection, the analyzers of each field and the query parsers per language.
 */
package thesiswatch.classifier.analysis;
