/**
 * The analysis chains of the project, each once: Chinese (Traditional to Simplified by ICU's {@code
 * Traditional-Simplified} transform, then SmartCN words or CJK bigrams) and English (full width
 * read as ASCII, Lucene's English analysis keeping no and not). The classifier matches and the
 * dashboard indexes and searches through them, so a text is analysed alike wherever it is read.
 */
package thesiswatch.common.analysis;
