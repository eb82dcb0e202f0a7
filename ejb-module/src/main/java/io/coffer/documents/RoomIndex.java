package io.coffer.documents;

import io.coffer.datarooms.DataRoom;
import io.coffer.datarooms.DataRooms;
import io.coffer.datarooms.Permissions;
import io.coffer.datarooms.TreeNode;
import io.coffer.documents.internal.DocumentVersionEntity;
import io.coffer.documents.internal.IndexFiles;
import io.coffer.documents.internal.Versions;
import io.coffer.shared.RoomId;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /datarooms/{id}/index} (contract 1.1, docs/features/datarooms.md IDX-1..IDX-7): the numbered index of
 * what the caller may see in a room, read in one transaction — the room (VIEW, else the uniform 404), the caller's
 * tree exactly as {@link Permissions#visibleTree} shows it (IDX-1, IDX-2) and the current version of every document in
 * it — and written afterwards as CSV or PDF by {@link IndexFiles}.
 */
@Stateless
@PermitAll
public class RoomIndex {

    @EJB
    DataRooms rooms;

    @EJB
    Permissions permissions;

    @Inject
    Versions versions;

    @Inject
    Clock clock;

    /** The formats of the index. */
    public enum Format {
        CSV, PDF;

        /** {@code csv} (also when absent) or {@code pdf}; anything else is a 400 naming {@code format} (IDX-5). */
        public static Format of(String format) {
            if (format == null || format.isBlank() || format.equals("csv")) {
                return CSV;
            }
            if (format.equals("pdf")) {
                return PDF;
            }
            throw ValidationException.of("format", "must be csv or pdf");
        }
    }

    /**
     * The index of a room the caller sees (VIEW on it or on anything in it, as every room read), in {@code format}
     * ({@link Format#of}); authorization comes before the format is judged.
     */
    public IndexFile of(RoomId roomId, String format) {
        DataRoom room = rooms.get(roomId);
        Format chosen = Format.of(format);
        List<TreeNode> tree = permissions.visibleTree(roomId);
        List<UUID> documents = new ArrayList<>();
        collectDocuments(tree, documents);
        Map<UUID, DocumentVersionEntity> current = versions.newestOf(documents);
        List<IndexFile.Row> rows = new ArrayList<>();
        rows(tree, "", 0, current, rows);
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return IndexFiles.of(chosen, room.name(), at, rows);
    }

    private static void collectDocuments(List<TreeNode> nodes, List<UUID> into) {
        for (TreeNode n : nodes) {
            if (folder(n)) {
                collectDocuments(n.children(), into);
            } else {
                into.add(n.id());
            }
        }
    }

    private static boolean folder(TreeNode n) {
        return "FOLDER".equals(n.kind());
    }

    /** Depth first, in the tree's own order and with its own numbers (IDX-2). */
    private static void rows(List<TreeNode> nodes, String parentPath, int depth,
                             Map<UUID, DocumentVersionEntity> current, List<IndexFile.Row> into) {
        for (TreeNode n : nodes) {
            String path = parentPath + "/" + n.name();
            if (folder(n)) {
                into.add(new IndexFile.Row(n.index(), IndexFile.Kind.FOLDER, path, n.name(), depth, null, null, null));
                rows(n.children(), path, depth + 1, current, into);
            } else {
                DocumentVersionEntity v = current.get(n.id());
                into.add(new IndexFile.Row(n.index(), IndexFile.Kind.DOCUMENT, path, n.name(), depth,
                        v == null ? null : v.size(), v == null ? null : v.version(),
                        v == null ? null : v.createdAt().truncatedTo(ChronoUnit.SECONDS)));
            }
        }
    }
}
