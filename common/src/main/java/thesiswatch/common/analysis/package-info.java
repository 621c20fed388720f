/**
 * The one Chinese analysis chain of the project: Traditional to Simplified by ICU's {@code
 * Traditional-Simplified} transform, then SmartCN words or CJK bigrams. The classifier matches and
 * the dashboard indexes and searches through it, so a text is analysed alike wherever it is read.
 */
package thesiswatch.common.analysis;
