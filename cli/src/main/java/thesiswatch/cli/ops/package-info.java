/** What operators see of a service that has no web page of its own: health, readiness, metrics. */
package thesiswatch.cli.ops;
