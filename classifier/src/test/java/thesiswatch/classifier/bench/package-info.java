/**
 * JMH benchmarks of the classifier's matching, run as documented in {@code docs/bench-classifier.md}.
 * Speed is measured here, never asserted in tests.
 */
package thesiswatch.classifier.bench;
