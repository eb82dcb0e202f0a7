/**
 * Data rooms: rooms, the tree of items in them (folders and the entries of documents: name, parent, position), and
 * the one permission service every module asks.
 *
 * <p>Contract: {@link io.coffer.datarooms.Permissions#require} is the only place that decides what a caller may do
 * with a room or an item; callers never look at roles, creators, grants or archived flags themselves. An object the
 * caller may not see is {@link io.coffer.shared.error.NotFoundException} (the same as a missing one); an object they see
 * but may not act on at that level is {@link io.coffer.shared.error.ForbiddenException}. Archived rooms and everything
 * under them are not served. Sibling names are unique (case-insensitive); a folder never moves under itself.
 * The documents module depends on this one, never the reverse. Publishes {@link io.coffer.datarooms.DataRoomCreated}.
 */
package io.coffer.datarooms;
