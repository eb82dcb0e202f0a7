package io.coffer.storage.internal;

import io.coffer.shared.TenantId;
import io.coffer.storage.RenditionStore;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Local storage: nothing behind the local rendition cache (it lies on the same disk as the blobs). */
final class NoRenditionStore implements RenditionStore {

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public void put(TenantId tenant, String group, String name, Path file) {
        // nothing to keep
    }

    @Override
    public boolean copyTo(TenantId tenant, String group, String name, Path target) {
        return false;
    }

    @Override
    public Stream<String> groups(TenantId tenant) {
        return Stream.empty();
    }

    @Override
    public void deleteGroup(TenantId tenant, String group) {
        // nothing kept
    }
}
