/**
 * A real Apache Kafka broker (KRaft, one combined broker and controller node) started inside the
 * JVM from Kafka's own jars: the demo's broker, and the tests' broker when no Docker engine runs.
 */
package thesiswatch.broker;
