/**
 * The pure core of the classifier: a Lucene {@code Monitor} holding every theme and stance query,
 * matching headlines one at a time or in batches. Knows nothing about Kafka.
 */
package thesiswatch.classifier.match;
