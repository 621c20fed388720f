/**
 * The classifier service: consumes {@code articles}, tags each article against the essay's themes
 * and publishes it to {@code articles.tagged}, exactly once. Entry points: {@link
 * thesiswatch.classifier.ClassifierService} (the service, run by {@code ./thesiswatch classifier}),
 * {@link thesiswatch.classifier.ClassifyLines} ({@code ./thesiswatch classify}) and {@link
 * thesiswatch.classifier.Reclassify} ({@code ./thesiswatch reclassify}).
 */
package thesiswatch.classifier;
