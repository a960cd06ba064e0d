package io.waymark.edge;

import io.waymark.common.service.ServiceRuntime;

/** Entry point of the edge process: the common service frame around {@link EdgeService}. */
public final class EdgeMain {

    private EdgeMain() {
    }

    public static void main(String[] args) {
        ServiceRuntime.run("edge", args, new EdgeService());
    }
}
