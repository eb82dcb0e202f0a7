package io.coffer.datarooms;

import io.coffer.shared.FolderId;
import java.util.UUID;

/**
 * A grant of {@code permission} to a user or a group on a room ({@code folderId} null) or on one of its folders
 * (contract: {@code [{principal: {type, id}, folderId, permission}]}).
 */
public record Grant(PrincipalType principalType, UUID principalId, FolderId folderId, Permission permission) {

    /** Who a grant is for. */
    public enum PrincipalType { USER, GROUP }
}
