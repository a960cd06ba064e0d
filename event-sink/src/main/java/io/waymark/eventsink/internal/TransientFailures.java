package io.waymark.eventsink.internal;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sorts Cassandra write failures into those worth retrying (the cluster or the network is
 * unwell: timeouts, unavailable replicas, overload, lost connections) and those that will fail
 * the same way forever (invalid query, oversized value), which dead-letter the record instead of
 * blocking its partition.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    /** True when retrying the same idempotent write later may succeed. */
    public static boolean isTransient(Throwable error) {
        Throwable e = unwrap(error);
        return e instanceof DriverTimeoutException
                || e instanceof AllNodesFailedException // includes NoNodeAvailableException
                || e instanceof NoNodeAvailableException
                || e instanceof QueryConsistencyException // read/write timeouts and failures
                || e instanceof UnavailableException
                || e instanceof OverloadedException
                || e instanceof TruncateException
                || e instanceof ServerError
                || e instanceof BusyConnectionException
                || e instanceof ClosedConnectionException
                || e instanceof HeartbeatException
                || e instanceof java.io.IOException
                || e instanceof IllegalStateException; // session closing or reconnecting
    }

    /** The cause behind the wrappers of {@code CompletableFuture}. */
    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
