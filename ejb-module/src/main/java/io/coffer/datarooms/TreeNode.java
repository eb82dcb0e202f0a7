package io.coffer.datarooms;

import java.util.List;
import java.util.UUID;

/**
 * One item of a room's tree as the caller may see it: {@code index} numbers items by their order (1, 1.1, 1.2...),
 * {@code kind} is FOLDER or DOCUMENT, children only for folders.
 */
public record TreeNode(UUID id, String kind, String name, String index, Permission myPermission,
                       List<TreeNode> children) {
}
