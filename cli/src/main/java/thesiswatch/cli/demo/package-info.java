/**
 * The embedded demo: a real Kafka broker and the three services in one JVM, fed by the bundled
 * sample feeds over a loopback HTTP server, with all state under one data directory.
 */
package thesiswatch.cli.demo;
