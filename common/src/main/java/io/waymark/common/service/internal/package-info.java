/**
 * Implementation of the service frame. {@code ComponentCloser} closes registered components in
 * reverse registration order, each on its own daemon thread so a component that hangs in
 * {@code close()} costs the rest of the shutdown budget but cannot block the components
 * registered before it, nor the JVM's exit.
 */
package io.waymark.common.service.internal;
