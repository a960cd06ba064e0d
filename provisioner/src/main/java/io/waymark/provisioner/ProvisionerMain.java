package io.waymark.provisioner;

import io.waymark.common.service.ServiceRuntime;

/** Entry point: {@code java -cp ... io.waymark.provisioner.ProvisionerMain [--config file]}. */
public final class ProvisionerMain {

    private ProvisionerMain() {
    }

    public static void main(String[] args) {
        ServiceRuntime.run(ProvisionerService.NAME, args, new ProvisionerService());
    }
}
