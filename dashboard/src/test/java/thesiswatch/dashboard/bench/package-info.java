/**
 * The dashboard benchmark (not a test): builds a large synthetic index, serves it on a real broker,
 * and measures how soon a produced article becomes searchable; {@code wrk} measures the HTTP
 * latencies. See {@code docs/benchmarks.md (Dashboard)} for the commands.
 */
package thesiswatch.dashboard.bench;
