/**
 * What every module's tests share: {@link thesiswatch.testkit.KafkaBroker}, the JUnit 5 extension
 * that gives a test class a real broker (Testcontainers' Kafka when Docker runs, else the embedded
 * KRaft broker); {@link thesiswatch.testkit.Await}, the one wait-until helper; {@link
 * thesiswatch.testkit.KafkaTestClients}; and {@link thesiswatch.testkit.TestThemes}, the frozen
 * fixture theme set of the mechanism tests.
 */
package thesiswatch.testkit;
