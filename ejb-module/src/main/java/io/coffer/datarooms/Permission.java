package io.coffer.datarooms;

/** What a caller may do with a room or an item, ordered: each level includes those below it. */
public enum Permission {
    NONE, VIEW, DOWNLOAD, UPLOAD, MANAGE;

    public boolean atLeast(Permission other) {
        return ordinal() >= other.ordinal();
    }
}
