package io.waymark.provisioner;

import static java.util.Objects.requireNonNull;

import io.waymark.common.service.Service;
import io.waymark.common.service.ServiceContext;
import io.waymark.provisioner.internal.ProvisionerAssembly;
import io.waymark.provisioner.internal.ProvisionerConfig;
import java.time.Clock;
import java.util.Map;

/**
 * The provisioner as the service frame runs it: reads {@code domain-events} and
 * {@code cert-orders}, obtains certificates over ACME HTTP-01 and publishes them (key sealed) to
 * {@code certificates} and the state of each domain to {@code domain-status}. The only Waymark
 * component that talks to the CA. Settings and their defaults: {@code provisioner/README.md}.
 */
public final class ProvisionerService implements Service {

    /** The service name: meters {@code waymark_provisioner_*}, logs {@code service=provisioner}. */
    public static final String NAME = "provisioner";

    private final Clock clock;

    public ProvisionerService() {
        this(Clock.systemUTC());
    }

    /** With another clock (tests). */
    public ProvisionerService(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void start(ServiceContext context) {
        ProvisionerAssembly.start(context, ProvisionerConfig.from(context.config()), clock);
    }

    @Override
    public Map<String, String> defaults() {
        return ProvisionerConfig.DEFAULTS;
    }
}
