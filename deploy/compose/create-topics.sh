#!/bin/sh
# Generated from io.waymark.schemas.kafka.Topics by io.waymark.deploy.k8s.KafkaTopicManifests. Do not edit:
# ./mvnw -B -o -pl deploy/k8s compile exec:java@kafka-topics
# Creates the topics missing on the broker given as the first argument (idempotent).
set -eu
BOOTSTRAP=${1:?usage: create-topics.sh <bootstrap-servers>}
TOPICS=${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.domain-events --partitions 12 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=2592000000 --config max.message.bytes=1048576
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.cert-orders --partitions 12 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=1209600000 --config max.message.bytes=1048576
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.acme-challenges --partitions 6 --replication-factor 1 --config cleanup.policy=compact,delete --config retention.ms=604800000 --config max.message.bytes=1048576 --config delete.retention.ms=86400000 --config min.cleanable.dirty.ratio=0.1 --config segment.ms=3600000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.certificates --partitions 12 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1 --config max.message.bytes=4194304 --config delete.retention.ms=604800000 --config min.compaction.lag.ms=3600000 --config segment.ms=86400000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.domain-status --partitions 12 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1 --config max.message.bytes=1048576 --config delete.retention.ms=604800000 --config min.compaction.lag.ms=3600000 --config segment.ms=86400000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.outbound --partitions 12 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=604800000 --config max.message.bytes=33554432
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.outbound-tracked --partitions 12 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=604800000 --config max.message.bytes=33554432
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.tracking-events --partitions 12 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=604800000 --config max.message.bytes=1048576
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.dlq.provisioner --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=1209600000 --config max.message.bytes=33554432
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.dlq.renewer --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=1209600000 --config max.message.bytes=33554432
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.dlq.edge --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=1209600000 --config max.message.bytes=33554432
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.dlq.rewriter --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=1209600000 --config max.message.bytes=33554432
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic waymark.dlq.event-sink --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=1209600000 --config max.message.bytes=33554432
echo "topics ready on $BOOTSTRAP"
