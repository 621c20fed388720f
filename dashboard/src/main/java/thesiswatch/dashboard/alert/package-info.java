/**
 * Spike alerts: {@link thesiswatch.dashboard.alert.SpikeDetector} (pure: Poisson tail over the
 * trailing periods, rising edge, cooldown, state that survives restarts and replays) and the sinks
 * an alert is sent to (Kafka topic, webhook, log).
 */
package thesiswatch.dashboard.alert;
