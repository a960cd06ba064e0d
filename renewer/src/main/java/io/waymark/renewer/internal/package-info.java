/**
 * The renewer's machinery; no other module may use it.
 *
 * <p>Pipeline: {@code RenewalProcessor} turns each {@code certificates} record into a
 * {@code ScheduleEntry} (due time from {@code RenewalPolicy}) and stores it in
 * {@code ScheduleStores} (RocksDB: schedule by host, wake index by time, ready index by expiry).
 * A wall-clock punctuation, {@code ScheduleTick}, scans the wake index up to now: the expiry guard
 * writes DEGRADED/EXPIRED through {@code StatusWriter}, ARI lookups go to {@code AriLookups}
 * (an executor; answers come back to the next tick), and due hosts move to the ready index, from
 * which orders leave soonest expiry first while the {@code OrderBucket} has tokens.
 * {@code StatusLoader} keeps the global {@code domain-status} store that says whether a domain is
 * DISABLED. {@code AcmeRenewalWindowSource} asks the CA's {@code renewalInfo} (RFC 9773).
 */
package io.waymark.renewer.internal;
