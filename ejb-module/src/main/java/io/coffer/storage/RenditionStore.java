package io.coffer.storage;

import io.coffer.shared.TenantId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Durable copies of files derived from blobs (page images), next to the blobs where the store allows it: in S3 under
 * {@code renditions/<tenant>/<group>/<name>}, so that another instance, or this one after losing its disk, reads them
 * instead of drawing them again. With local storage there is nothing behind the local cache ({@link #durable()} is
 * false and every method a no-op). What a group and a name mean is the caller's business; both are plain names
 * ({@code [A-Za-z0-9._-]}, no {@code ..}).
 */
public interface RenditionStore {

    /** Whether anything is kept (false with local storage: the cache on this disk is all there is). */
    boolean durable();

    /** Stores the complete {@code file} under {@code group/name}; the name shows the whole file or nothing. */
    void put(TenantId tenant, String group, String name, Path file) throws IOException;

    /**
     * Copies {@code group/name} into {@code target} (written beside it, then moved into place atomically); false when
     * there is no such object.
     */
    boolean copyTo(TenantId tenant, String group, String name, Path target) throws IOException;

    /** The tenant's groups that hold anything, lazily (the caller closes the stream). */
    Stream<String> groups(TenantId tenant) throws IOException;

    /** Deletes everything under {@code group}; a missing group is a no-op. */
    void deleteGroup(TenantId tenant, String group) throws IOException;
}
