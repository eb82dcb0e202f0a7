package io.coffer.web;

import java.util.Map;

/**
 * OPS-12: the endpoint group a request is counted under in {@code /metrics}, taken from its path by a fixed table and
 * never from the path itself. A group is the first segment under {@code /api/v1} (the resource a JAX-RS class serves:
 * {@code datarooms}, {@code documents}, {@code share-links}, ...), the visitor side under {@code /api/v1/public} is
 * {@code public-links}, a path outside the API is {@code web} (the single-page app and its files), and anything the
 * table does not name (a mistyped or probing path, a new resource not added here) is {@code other}. So the number of
 * groups is the table's size plus three, whatever clients send: no id, token or path a caller chose ever becomes a
 * label value.
 */
public final class EndpointGroups {

    /** The path the JAX-RS application is mounted at (CofferApi's {@code @ApplicationPath}). */
    static final String API = "/api/v1";
    static final String WEB = "web";
    static final String OTHER = "other";

    /** First path segment under {@code /api/v1} → group; webhook deliveries are counted with the webhooks. */
    private static final Map<String, String> GROUPS = Map.ofEntries(
            Map.entry("access-requests", "share-links"),
            Map.entry("activity", "activity"),
            Map.entry("api-keys", "api-keys"),
            Map.entry("audit", "audit"),
            Map.entry("auth", "auth"),
            Map.entry("automations", "automations"),
            Map.entry("datarooms", "datarooms"),
            Map.entry("documents", "documents"),
            Map.entry("file-requests", "file-requests"),
            Map.entry("download-tickets", "download-tickets"),
            Map.entry("folders", "folders"),
            Map.entry("groups", "groups"),
            Map.entry("invitations", "invitations"),
            Map.entry("me", "me"),
            Map.entry("members", "members"),
            Map.entry("privacy", "privacy"),
            Map.entry("public", "public-links"),
            Map.entry("search", "search"),
            Map.entry("share-links", "share-links"),
            Map.entry("tenant", "tenant"),
            Map.entry("uploads", "uploads"),
            Map.entry("webhooks", "webhooks"),
            Map.entry("webhook-deliveries", "webhooks"));

    private EndpointGroups() {
    }

    /** The group of a request path (the request URI without the context path; matrix parameters ignored). */
    public static String of(String path) {
        if (path == null || path.isEmpty()) {
            return WEB;
        }
        int semicolon = path.indexOf(';');
        String p = semicolon < 0 ? path : path.substring(0, semicolon);
        if (!p.equals("/api") && !p.startsWith("/api/")) {
            return WEB;
        }
        if (!p.startsWith(API + "/")) {
            return OTHER; // /api itself, another API version, /api/v1 without a resource
        }
        int start = API.length() + 1;
        int end = p.indexOf('/', start);
        String first = end < 0 ? p.substring(start) : p.substring(start, end);
        return GROUPS.getOrDefault(first, OTHER);
    }

    /** Every group {@link #of} can answer: the label values of the metric, bounded by this table. */
    public static java.util.Set<String> all() {
        java.util.Set<String> all = new java.util.TreeSet<>(GROUPS.values());
        all.add(WEB);
        all.add(OTHER);
        return all;
    }

    /** The status class label of an HTTP status: {@code 1xx} .. {@code 5xx}, or {@code other}. */
    public static String statusClass(int status) {
        return status >= 100 && status <= 599 ? (status / 100) + "xx" : OTHER;
    }
}
