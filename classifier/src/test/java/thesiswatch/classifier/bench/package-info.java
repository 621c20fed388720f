/**
 * JMH benchmarks of the classifier's matching, run as documented in {@code docs/benchmarks.md
 * (Classifier)}. Speed is measured here, never asserted in tests.
 */
package thesiswatch.classifier.bench;
