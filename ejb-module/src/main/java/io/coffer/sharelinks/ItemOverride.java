package io.coffer.sharelinks;

import java.util.UUID;

/**
 * A room or folder link's setting for one item (SL-10): {@code hidden} hides it (a hidden folder hides everything
 * below it); {@code allowDownload} overrides the link's for it and everything below it, the most specific setting
 * winning. Null leaves the setting to the level above.
 */
public record ItemOverride(UUID itemId, Boolean hidden, Boolean allowDownload) {
}
