package io.coffer.storage.internal;

import io.coffer.platform.PlatformState;
import io.coffer.platform.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Chooses and opens the blob store at start (COFFER_STORAGE; with s3, the bucket must answer): wrong or missing
 * settings, or an unreachable store, stop Coffer with one line saying what to fix ({@code Coffer cannot start: ...}).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StorageStartup {

    @Inject
    BlobStores stores;

    @Inject
    PlatformState platform;

    @PostConstruct
    void start() {
        try {
            stores.blobStore();
        } catch (StartupFailure failure) {
            platform.refuseStart(failure);
        }
    }
}
