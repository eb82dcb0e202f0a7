package io.coffer.sharelinks.internal;

import io.coffer.datarooms.Delegation;
import io.coffer.datarooms.Permission;
import io.coffer.datarooms.TreeNode;
import io.coffer.sharelinks.ItemOverride;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a link reaches (SL-9, SL-10): the target's subtree of the room as the link's creator may see it now, minus
 * hidden items (a hidden folder hides everything below it), each with the download setting that applies to it (the
 * most specific override, else the link's) and the creator's permission on it.
 */
public final class LinkScope {

    /**
     * One item the link shows; {@code path} is its place below the target ("Folder/Sub/file.pdf");
     * {@code creatorHolds} is the level the link acts with on it: the lower of its creator's and of who last set its
     * reach (SL-18).
     */
    public record Entry(UUID id, String kind, String name, String index, String path, boolean downloadSetting,
                        Permission creatorHolds, List<UUID> children) {
        public boolean isDocument() {
            return "DOCUMENT".equals(kind);
        }
    }

    private final Permission onTarget;
    private final Delegation delegation;
    private final Map<UUID, Entry> entries = new LinkedHashMap<>();
    private final List<UUID> top = new ArrayList<>();

    private LinkScope(Permission onTarget, Delegation delegation) {
        this.onTarget = onTarget;
        this.delegation = delegation;
    }

    /** What the link's holders may do in its room, asked once for this request: documents reads on it. */
    public Delegation delegation() {
        return delegation;
    }

    /**
     * The items whose subtrees the link hides (SL-19), to be cut from the tree by the room's real structure; the
     * target's own override is not among them (a hidden target shows an empty link, not a missing one).
     */
    static List<UUID> hidden(LinkRules link) {
        return link.overrides().stream().filter(o -> Boolean.TRUE.equals(o.hidden()))
                .map(ItemOverride::itemId).filter(id -> !id.equals(link.targetId())).toList();
    }

    /** Builds the scope from the room's tree on the creator's behalf (empty: the creator holds nothing there now). */
    static LinkScope of(LinkRules link, Delegation delegation) {
        Optional<TreeNode> roomTree = delegation.tree();
        if (roomTree.isEmpty()) {
            return new LinkScope(Permission.NONE, delegation);
        }
        Map<UUID, ItemOverride> overrides = new LinkedHashMap<>();
        link.overrides().forEach(o -> overrides.put(o.itemId(), o));
        TreeNode target = "DATAROOM".equals(link.targetType()) ? roomTree.get() : find(roomTree.get(), link.targetId());
        if (target == null || !target.kind().equals(link.targetType())) {
            return new LinkScope(Permission.NONE, delegation);
        }
        LinkScope scope = new LinkScope(target.myPermission(), delegation);
        if ("DOCUMENT".equals(link.targetType())) {
            scope.add(target, "", link.allowDownload(), overrides, scope.top);
        } else {
            ItemOverride own = overrides.get(target.id());
            if (own != null && Boolean.TRUE.equals(own.hidden())) {
                return scope; // the whole folder is hidden: the link shows nothing
            }
            boolean download = own != null && own.allowDownload() != null ? own.allowDownload() : link.allowDownload();
            for (TreeNode child : target.children() == null ? List.<TreeNode>of() : target.children()) {
                scope.add(child, "", download, overrides, scope.top);
            }
        }
        return scope;
    }

    private void add(TreeNode node, String parentPath, boolean inherited, Map<UUID, ItemOverride> overrides,
                     List<UUID> siblings) {
        ItemOverride own = overrides.get(node.id());
        if (own != null && Boolean.TRUE.equals(own.hidden())) {
            return;
        }
        if (node.myPermission() == null || !node.myPermission().atLeast(Permission.VIEW)) {
            return;
        }
        boolean download = own != null && own.allowDownload() != null ? own.allowDownload() : inherited;
        String path = parentPath.isEmpty() ? node.name() : parentPath + "/" + node.name();
        List<UUID> children = new ArrayList<>();
        entries.put(node.id(), new Entry(node.id(), node.kind(), node.name(), node.index(), path, download,
                node.myPermission(), children));
        siblings.add(node.id());
        if (node.children() != null) {
            for (TreeNode child : node.children()) {
                add(child, path, download, overrides, children);
            }
        }
    }

    private static TreeNode find(TreeNode node, UUID id) {
        if (node.id().equals(id)) {
            return node;
        }
        for (TreeNode child : node.children() == null ? List.<TreeNode>of() : node.children()) {
            TreeNode found = find(child, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The creator's permission on the link's target now (NONE: gone, archived, or no longer theirs). */
    public Permission onTarget() {
        return onTarget;
    }

    /** Every item the link shows, in tree order. */
    public java.util.Collection<Entry> all() {
        return java.util.Collections.unmodifiableCollection(entries.values());
    }

    public Optional<Entry> entry(UUID id) {
        return Optional.ofNullable(entries.get(id));
    }

    public List<Entry> top() {
        return top.stream().map(entries::get).toList();
    }

    public List<Entry> children(Entry folder) {
        return folder.children().stream().map(entries::get).toList();
    }

    /** Every document at or below {@code from} (null: the whole scope), in tree order. */
    public List<Entry> documentsBelow(UUID from) {
        List<Entry> out = new ArrayList<>();
        List<Entry> start = from == null ? top() : entry(from).map(List::of).orElse(List.of());
        collect(start, out);
        return out;
    }

    private void collect(List<Entry> level, List<Entry> out) {
        for (Entry e : level) {
            if (e.isDocument()) {
                out.add(e);
            } else {
                collect(children(e), out);
            }
        }
    }
}
