package io.coffer.storage.internal;

import io.coffer.platform.CofferSettings;
import io.coffer.storage.BlobStore;
import io.coffer.storage.RenditionStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * The one {@link BlobStore} of this instance, chosen from {@code COFFER_STORAGE}: {@link LocalBlobStore} under
 * {@code COFFER_HOME/blobs} (the default) or {@link S3BlobStore} (the same EAR serves both). Made once, at start
 * ({@link StorageStartup}), so that unusable settings stop Coffer before the first request. With S3 the renditions are
 * kept in the same bucket ({@link S3RenditionStore}); locally there is nothing behind the local rendition cache.
 */
@ApplicationScoped
public class BlobStores {

    private static final Logger LOG = Logger.getLogger(BlobStores.class.getName());

    @Inject
    CofferSettings settings;

    private BlobStore store;

    /** The chosen store; a {@link io.coffer.platform.StartupFailure} when it cannot be used. */
    @Produces
    public synchronized BlobStore blobStore() {
        if (store == null) {
            store = switch (settings.storage()) {
                case LOCAL -> new LocalBlobStore(settings.home().resolve("blobs"));
                case S3 -> {
                    CofferSettings.S3Settings s3 = settings.s3();
                    S3BlobStore connected = S3BlobStore.connect(s3);
                    LOG.info("Blobs are kept in S3: " + s3);
                    yield connected;
                }
            };
        }
        return store;
    }

    /** Where renditions are kept durably: the S3 bucket in s3 mode, nowhere (a no-op store) locally. */
    @Produces
    public synchronized RenditionStore renditionStore() {
        return blobStore() instanceof S3BlobStore s3 ? s3.renditions() : new NoRenditionStore();
    }

    @PreDestroy
    synchronized void close() {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.fine("closing the blob store: " + e);
            }
        }
    }
}
