package io.coffer.documents;

import io.coffer.datarooms.DataRoom;
import io.coffer.datarooms.DataRooms;
import io.coffer.datarooms.Permission;
import io.coffer.datarooms.Permissions;
import io.coffer.datarooms.TreeNode;
import io.coffer.documents.internal.TextIndex;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.Role;
import io.coffer.shared.RoomId;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Full-text search (docs/features/search.md): a member's over the rooms the caller sees ({@link #find}), a visitor's
 * over what a link shows ({@link #within}, called by the share-links module after its gate), and the tenant's search
 * language. The scope is always what datarooms' permission rule (or the link's scope) shows — never decided here — and
 * the query matches only inside it (SR-1).
 */
@Stateless
@PermitAll
public class Search {

    public static final int MAX_QUERY = 200;
    /** The contract's list rule: 50 by default, at most 200 (larger is clamped). */
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** A document a search may return, with where it is shown (the path of folder names above it). */
    public record Visible(UUID documentId, UUID roomId, String name, String path) {
    }

    /** A page of results; {@code nextCursor} is null on the last page. */
    public record Results(List<SearchHit> items, String nextCursor) {
    }

    @EJB
    DataRooms rooms;

    @EJB
    Permissions permissions;

    @EJB
    CallerCheck callers;

    @Inject
    TextIndex index;

    @EJB
    io.coffer.documents.internal.TextIndexer indexer;

    @Inject
    Clock clock;

    /** The caller's search: every room the caller sees, or one ({@code roomId}; not seen: 404 as for the room). */
    public Results find(String query, Optional<UUID> roomId, Integer limit, String cursor) {
        String q = query(query);
        int size = limit(limit);
        int offset = offset(cursor);
        List<RoomId> scopeRooms = roomId.isPresent() ? List.of(new RoomId(roomId.get()))
                : rooms.list().stream().map(DataRoom::id).toList();
        List<Visible> visible = new ArrayList<>();
        for (RoomId room : scopeRooms) {
            collect(room.value(), permissions.visibleTree(room), "", visible);
        }
        return search(q, visible, size, offset);
    }

    /**
     * A visitor's search over {@code visible} (the documents the link shows, as the share-links module computed them
     * after its gate: SR-5).
     */
    public Results within(List<Visible> visible, String query, Integer limit, String cursor) {
        return search(query(query), visible, limit(limit), offset(cursor));
    }

    /** The tenant's search language ({@code english}, {@code german} or {@code simple}). */
    public String language() {
        return index.language();
    }

    /** OWNER/ADMIN: chooses the tenant's search language; every document is indexed again in it when it changed. */
    public String setLanguage(String language) {
        if (!callers.current().role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("Choosing the search language needs the ADMIN or OWNER role.");
        }
        String chosen = TextIndex.known(language).orElseThrow(() -> ValidationException.of("language",
                "must be one of " + String.join(", ", TextIndex.LANGUAGES)));
        if (index.setLanguage(chosen, clock.instant())) {
            indexer.wakeAfterCommit(callers.current().tenant());
        }
        return chosen;
    }

    private Results search(String q, List<Visible> visible, int size, int offset) {
        Map<UUID, Visible> byId = new HashMap<>();
        visible.forEach(v -> byId.put(v.documentId(), v));
        List<UUID> ids = new ArrayList<>(byId.keySet());
        List<String> names = ids.stream().map(id -> byId.get(id).name()).toList();
        List<TextIndex.Row> rows = index.find(q, ids, names, size + 1, offset);
        List<SearchHit> hits = new ArrayList<>();
        for (TextIndex.Row r : rows.subList(0, Math.min(size, rows.size()))) {
            Visible v = byId.get(r.documentId());
            hits.add(new SearchHit(v.documentId(), v.roomId(), v.name(), v.path(),
                    r.page() == null || r.page() == 0 ? null : r.page(), r.snippet(), // page 0: a text without pages
                    Math.round(r.score() * 10_000d) / 10_000d));
        }
        boolean more = rows.size() > size && offset + size < TextIndex.MAX_OFFSET;
        return new Results(hits, more ? cursor(offset + size) : null);
    }

    /** The documents of a visible tree (each with at least VIEW), with the path of folder names above each. */
    private static void collect(UUID room, List<TreeNode> nodes, String path, List<Visible> out) {
        for (TreeNode n : nodes) {
            if ("DOCUMENT".equals(n.kind())) {
                if (n.myPermission() != null && n.myPermission().atLeast(Permission.VIEW)) {
                    out.add(new Visible(n.id(), room, n.name(), path));
                }
            } else if (n.children() != null) {
                collect(room, n.children(), path.isEmpty() ? n.name() : path + "/" + n.name(), out);
            }
        }
    }

    static String query(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.length() > MAX_QUERY || q.chars().anyMatch(Character::isISOControl)) {
            throw ValidationException.of("q", "must be 1 to " + MAX_QUERY + " characters without control characters");
        }
        return q;
    }

    static int limit(Integer limit) {
        return limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
    }

    /** The cursor is the offset of the next page, as {@code s1:<offset>} in base64url; anything else is refused. */
    static int offset(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("s1:")) {
                int offset = Integer.parseInt(text.substring(3));
                if (offset > 0 && offset < TextIndex.MAX_OFFSET) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64url or not a number: refused below
        }
        throw ValidationException.of("cursor", "is not a cursor of this search");
    }

    static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("s1:" + offset).getBytes(StandardCharsets.UTF_8));
    }
}
