package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.seal.KeySealer;
import io.waymark.common.service.ServiceContext;
import io.waymark.schemas.kafka.Topics;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Wires the provisioner's parts in start-up order and registers each with the service frame, so
 * shutdown closes them in reverse: the consumer stops first (committing only finished work), then
 * the workers, the state reader and finally the producer.
 */
public final class ProvisionerAssembly {

    private ProvisionerAssembly() {
    }

    /** Starts everything; returns once the consumer thread runs. */
    public static void start(ServiceContext context, ProvisionerConfig config, Clock clock) {
        requireNonNull(context, "context");
        requireNonNull(config, "config");
        requireNonNull(clock, "clock");
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        KeySealer sealer = new KeySealer(KeyRing.load(context.config(), KeyPurpose.SEAL));
        Topics topics = Topics.withPrefix(config.topicPrefix());
        ProvisionerMetrics metrics = new ProvisionerMetrics(context.meterRegistry(), context.meterNames());

        KeyPair accountKey = new AccountKeyFile(config.accountKeyFile(), sealer).loadOrCreate();
        AcmeAccount account = new AcmeAccount(AcmeAccount.session(config), accountKey, config);

        OutcomePublisher publisher = context.manage("kafka-producer",
                new OutcomePublisher(config.bootstrapServers(), topics, clock));
        StateView view = context.manage("state-reader", new StateView(config.bootstrapServers(), topics));
        view.start();

        RateLimitBuckets buckets = new RateLimitBuckets(config.limits(),
                RegisteredDomains.withBundledList(config.extraPublicSuffixes()), clock);
        for (String limit : buckets.limitNames()) {
            metrics.bucketLevel(limit, () -> buckets.lowestLevel(limit));
        }
        CertificateIssuer issuer = new CertificateIssuer(account, publisher,
                new PreflightCheck(config.edgeAddress(), config.preflightTimeout()), buckets,
                new CertificateKeys(config.keyType()), new ResourcePoller(clock, config.pollTimeout()),
                config.preflightTimeout(), metrics, clock);
        RandomGenerator random = new SecureRandom();
        ProvisionerConfig.RetryPolicySettings retry = config.retry();
        RetryPolicy retryPolicy = new RetryPolicy(retry.delays(), retry.thereafter(), retry.maxAttempts(),
                retry.jitterPercent() / 100.0, random);
        Provisioner provisioner = context.manage("provisioner", new Provisioner(issuer, publisher, view,
                new RecordFactory(sealer, view, clock), retryPolicy, new Revoker(account, metrics),
                config.renewBefore(), config.concurrency(), metrics, clock));
        ConsumerLoop loop = context.manage("consumer", new ConsumerLoop(config, topics, provisioner, publisher, view,
                metrics));
        loop.start();

        context.readinessCheck("state-loaded", view::isLoaded);
        context.readinessCheck("consumer", loop::isPolling);
    }
}
