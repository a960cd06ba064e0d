package io.waymark.provisioner.internal;

import io.waymark.schemas.AcmeChallenge;
import io.waymark.schemas.kafka.ChallengeKey;

/** Where HTTP-01 challenges go so the edge answers them: the acme-challenges topic. */
interface ChallengeSink {

    /** Publishes {@code challenge} and returns once it is durable. */
    void publish(AcmeChallenge challenge) throws ProvisioningException;

    /** Publishes the tombstone of {@code key}; the edge stops answering it. */
    void remove(ChallengeKey key) throws ProvisioningException;
}
