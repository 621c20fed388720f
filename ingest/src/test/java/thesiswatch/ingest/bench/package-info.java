/** Main-method benchmarks of ingest (run by hand, never as tests): parse throughput and memory. */
package thesiswatch.ingest.bench;
