/**
 * The closed set of classified feed failures ({@link thesiswatch.ingest.fault.FaultKind}) shared by
 * the fetch and parse stages, so every failure is classified once, where it happens.
 */
package thesiswatch.ingest.fault;
