package io.waymark.renewer.internal;

import io.waymark.schemas.DomainStatus;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global {@code domain-status} store: newest record per domain, a tombstone deletes. */
public final class StatusLoader implements Processor<String, DomainStatus, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, DomainStatus> store;

    public StatusLoader(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, DomainStatus> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
