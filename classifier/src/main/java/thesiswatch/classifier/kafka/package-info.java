/**
 * The thin Kafka adapter: the transactional consume → tag → produce loop, its client settings and
 * the dead-letter records. It only deserialises, calls the matcher and sends.
 */
package thesiswatch.classifier.kafka;
