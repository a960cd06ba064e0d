package io.waymark.renewer;

import io.waymark.common.service.ServiceRuntime;

/** Entry point: {@code java -cp ... io.waymark.renewer.RenewerMain [--config file]}. */
public final class RenewerMain {

    private RenewerMain() {
    }

    public static void main(String[] args) {
        ServiceRuntime.run(RenewerConfig.SERVICE, args, new RenewerService());
    }
}
