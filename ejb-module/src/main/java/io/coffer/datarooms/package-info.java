/**
 * Data rooms: rooms, the tree of items in them (folders and the entries of documents: name, parent, position), and
 * the one permission service every module asks.
 *
 * <p>Contract: {@link io.coffer.datarooms.Permissions} ({@code require}, {@code visibleTree}, {@code onBehalfOf}) is the
 * only place that decides what a caller may do with a room or an item; callers never look at roles, groups, grants,
 * inheritance or archived flags themselves (docs/features/permissions.md). Tenant-wide groups ({@link
 * io.coffer.datarooms.Groups}) live here because they exist only as principals of grants. An object the
 * caller may not see is {@link io.coffer.shared.error.NotFoundException} (the same as a missing one); an object they see
 * but may not act on at that level is {@link io.coffer.shared.error.ForbiddenException}. Archived rooms and everything
 * under them are not served. Sibling names are unique (case-insensitive); a folder never moves under itself.
 * The documents module depends on this one, never the reverse. Publishes {@link io.coffer.datarooms.DataRoomCreated},
 * {@link io.coffer.datarooms.FolderCreated},
 * {@link io.coffer.datarooms.GrantChanged} and {@link io.coffer.datarooms.GroupMembersChanged}.
 */
package io.coffer.datarooms;
