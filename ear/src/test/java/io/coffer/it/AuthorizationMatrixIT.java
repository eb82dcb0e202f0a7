package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * PERM-13, the authorization matrix: every endpoint of the API × every kind of caller ({@link Caller}: OWNER, ADMIN, a
 * MEMBER with each grant level on the room, a MEMBER with none, another tenant's OWNER, anonymous) → the expected
 * status (2xx, 401, 403 or the uniform 404), and never a leak: a 404 is byte for byte the 404 of an id that does not
 * exist (only {@code instance} may differ), no refusal names the fixture's ids or names, and no success answered to
 * another tenant's OWNER or to a member without a grant (or a key acting as one) names any of them either. Ids are placed in the
 * path, the query and the body, including nested forms (a folder of room B, or of another tenant, named in a request
 * under room A's path) — see {@link #perm13_idsOfOtherRoomsAndTenantsInQueriesAndBodiesAreRefusedLikeMissingOnes}.
 *
 * <p>The endpoints come from the running server's {@code /openapi} document: an endpoint without a row in
 * {@link #MATRIX} fails {@link #perm13_everyEndpointOfTheApiHasARow}. <b>Adding an endpoint</b> is one line in
 * {@link #MATRIX}: {@code row("METHOD /api/v1/path/{param}", rule, destructive, f -> request)}, where the rule is
 * {@link #onTarget} (needs a permission on the fixture's room/items), {@link #adminOnly}, {@link #anyUser},
 * {@link #inTenant} or {@link #sameForEveryone} (public endpoints), and {@code f} is the {@link Fixture} whose ids the
 * request uses ({@code f.room}, {@code f.folder}, {@code f.doc}, {@code f.trashed}, {@code f.group}, {@code f.spare},
 * {@code f.apiKey}). Mark a row destructive when a success changes what the next caller would meet (it then gets a
 * fresh fixture for each caller it lets through). E.g. a share-link listing: {@code row("GET /api/v1/share-links", anyUser(200), false,
 * f -> get("/api/v1/share-links?targetId=" + f.room))}.
 */
class AuthorizationMatrixIT {

    /**
     * Who calls. MEMBER_* hold that grant on the fixture's room; FOREIGN_OWNER owns another tenant. KEY_* are access
     * tokens exchanged for API keys (PERM-16): a key acts as the caller {@link #actsAs} names (MEMBER unless its scope
     * is {@code admin}, never above its creator's current role) and only within its scope ({@link #expected}). The
     * ADMIN holds no grant on the room, so a key of the ADMIN without {@code admin} scope is a MEMBER without a grant;
     * the OWNER holds MANAGE on it. KEY_ADMIN_OF_DEMOTED was exchanged by an ADMIN who was then demoted to MEMBER.
     */
    enum Caller { OWNER, ADMIN, MEMBER_MANAGE, MEMBER_UPLOAD, MEMBER_DOWNLOAD, MEMBER_VIEW, MEMBER_NONE, FOREIGN_OWNER,
        ANONYMOUS, KEY_READ_OF_ADMIN, KEY_WRITE_OF_ADMIN, KEY_ADMIN_OF_ADMIN, KEY_READ_OF_OWNER, KEY_WRITE_OF_OWNER,
        KEY_ADMIN_OF_DEMOTED;

        /** The caller without a key whose answers a key's are, before its scope counts (itself for the others). */
        Caller actsAs() {
            return switch (this) {
                case KEY_READ_OF_ADMIN, KEY_WRITE_OF_ADMIN, KEY_ADMIN_OF_DEMOTED -> MEMBER_NONE;
                case KEY_ADMIN_OF_ADMIN -> ADMIN;
                case KEY_READ_OF_OWNER, KEY_WRITE_OF_OWNER -> MEMBER_MANAGE;
                default -> this;
            };
        }

        /** A key whose scope allows only safe methods (GET, HEAD). */
        boolean readOnly() {
            return this == KEY_READ_OF_ADMIN || this == KEY_READ_OF_OWNER;
        }
    }

    /**
     * The status a caller meets: a key's is its {@link Caller#actsAs} caller's, except that a {@code read} key gets 403
     * for every method but GET on every endpoint that needs a token; a public endpoint ignores the bearer.
     */
    static int expected(Row row, Caller caller) {
        int asIf = row.rule().apply(caller.actsAs());
        if (row.rule() instanceof SessionOnly && caller.name().startsWith("KEY_")) {
            return 403; // MFA-11: a key never manages its creator's second factor
        }
        if (caller.readOnly() && !(row.rule() instanceof Same) && !row.endpoint().startsWith("GET ")) {
            return 403;
        }
        return asIf;
    }

    static final byte[] PDF = PermissionsModelIT.ONE_PAGE;

    /** A room A with a folder, a document in it and a trashed one, a group, a spare member and an API key. */
    static final class Fixture {
        final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        final String room;
        final String roomName;
        final String folder;
        final String doc;
        final String trashed;
        final String group;
        final String spare;
        final String apiKey;
        final String invitation;
        final String otherRoom;
        final String otherRoomFolder;
        final String foreignFolder;
        final String link;
        /** A webhook of the tenant (subscribed to dataroom.created, aimed at a closed loopback port), one of its
         * deliveries, and an automation rule (issue 12). */
        final String webhook;
        final String delivery;
        final String rule;
        /** The token of {@link #link} (a room link with downloads on) and a visitor session of it. */
        final String linkToken;
        final String visitorToken;
        /** A file request into {@link #folder} (issue 18) and its token. */
        final String fileRequest;
        final String fileRequestToken;
        /** Every id and name of the fixture's tenant: no caller outside the tenant, or without a grant, may see one. */
        final Set<String> secrets = new TreeSet<>();
        /**
         * The part of {@link #secrets} the tenant's directory shows every member of the tenant (groups are tenant-wide:
         * {@code inTenant} rows), a grant or not: the group, its name and its member.
         */
        final Set<String> directory = new TreeSet<>();
        /** The caller's own email where it is one of {@link #secrets} (an API key answers its creator's profile). */
        final Map<Caller, String> own = new EnumMap<>(Caller.class);

        Fixture() {
            String s = UUID.randomUUID().toString().substring(0, 8);
            UUID tenant = ItDatabase.tenant("matrix");
            ItDatabase.User owner = ItDatabase.user(tenant, "owner-" + s + "@m.test", "OWNER");
            tokens.put(Caller.OWNER, Tokens.accessToken(owner));
            String adminToken = Tokens.accessToken(ItDatabase.user(tenant, "admin-" + s + "@m.test", "ADMIN"));
            tokens.put(Caller.ADMIN, adminToken);
            Map<Caller, ItDatabase.User> members = new LinkedHashMap<>();
            for (Caller c : List.of(Caller.MEMBER_MANAGE, Caller.MEMBER_UPLOAD, Caller.MEMBER_DOWNLOAD,
                    Caller.MEMBER_VIEW, Caller.MEMBER_NONE)) {
                ItDatabase.User u = ItDatabase.user(tenant, c.name().toLowerCase() + "-" + s + "@m.test", "MEMBER");
                members.put(c, u);
                tokens.put(c, Tokens.accessToken(u));
            }
            spare = ItDatabase.user(tenant, "spare-" + s + "@m.test", "MEMBER").id().toString();
            ItDatabase.User foreign = ItDatabase.user(ItDatabase.tenant("matrix-b"), "f-" + s + "@m.test", "OWNER");
            tokens.put(Caller.FOREIGN_OWNER, Tokens.accessToken(foreign));
            String o = tokens.get(Caller.OWNER);
            HttpResponse<String> hook = Http.postJson("/api/v1/webhooks", o, "{\"url\": \"http://127.0.0.1:9/m-" + s
                    + "\", \"events\": [\"dataroom.created\"]}");
            assertEquals(201, hook.statusCode(), hook.body());
            webhook = Http.json(hook).getString("id");
            roomName = "Room " + s;
            room = Api.room(o, roomName);
            HttpResponse<String> deliveries = Http.get("/api/v1/webhooks/" + webhook + "/deliveries", o);
            assertEquals(200, deliveries.statusCode(), deliveries.body());
            delivery = Http.json(deliveries).getJsonArray("items").getJsonObject(0).getString("id");
            HttpResponse<String> automation = Http.postJson("/api/v1/automations", o, "{\"name\": \"Rule " + s
                    + "\", \"trigger\": \"grant.changed\", \"action\": {\"type\": \"NOTE\", \"text\": \"n\"}}");
            assertEquals(201, automation.statusCode(), automation.body());
            rule = Http.json(automation).getString("id");
            folder = Api.folder(o, room, "Folder " + s, null);
            doc = Api.document(o, room, folder, "doc-" + s + ".pdf", PDF);
            trashed = Api.document(o, room, folder, "trashed-" + s + ".pdf", PDF);
            assertEquals(204, Api.delete("/api/v1/documents/" + trashed, o).statusCode());
            group = Api.group(o, "Group " + s);
            List<String> grants = new ArrayList<>();
            grants.add(Api.grant("USER", owner.id().toString(), null, "MANAGE"));
            for (Caller c : List.of(Caller.MEMBER_MANAGE, Caller.MEMBER_UPLOAD, Caller.MEMBER_DOWNLOAD,
                    Caller.MEMBER_VIEW)) {
                grants.add(Api.grant("USER", members.get(c).id().toString(), null, c.name().substring(7)));
            }
            assertEquals(200, Api.putGrants(o, room, grants).statusCode());
            HttpResponse<String> key = Http.postJson("/api/v1/api-keys", o, "{\"name\": \"k\", \"scopes\": [\"read\"]}");
            assertEquals(201, key.statusCode(), key.body());
            apiKey = Http.json(key).getString("id");
            HttpResponse<String> invited = Http.postJson("/api/v1/invitations", o,
                    "{\"email\": \"invited-" + s + "@m.test\", \"role\": \"MEMBER\"}");
            assertEquals(201, invited.statusCode(), invited.body());
            invitation = Http.json(invited).getString("id");
            otherRoom = Api.room(o, "Other " + s);
            otherRoomFolder = Api.folder(o, otherRoom, "Elsewhere " + s, null);
            String foreignToken = tokens.get(Caller.FOREIGN_OWNER);
            foreignFolder = Api.folder(foreignToken, Api.room(foreignToken, "Foreign " + s), "Theirs " + s, null);
            HttpResponse<String> shared = Http.postJson("/api/v1/share-links", o,
                    "{\"target\": {\"type\": \"DATAROOM\", \"id\": \"" + room + "\"}, \"name\": \"Link " + s
                            + "\", \"allowDownload\": true, \"allowSearch\": true}");
            assertEquals(201, shared.statusCode(), shared.body());
            link = Http.json(shared).getString("id");
            linkToken = Http.json(shared).getString("token");
            HttpResponse<String> session = Http.postJson("/api/v1/public/links/" + linkToken + "/sessions", null, "{}");
            assertEquals(201, session.statusCode(), session.body());
            visitorToken = Http.json(session).getString("visitorToken");
            HttpResponse<String> request = Http.postJson("/api/v1/datarooms/" + room + "/file-requests", o,
                    "{\"folderId\": \"" + folder + "\", \"name\": \"Request " + s + "\"}");
            assertEquals(201, request.statusCode(), request.body());
            fileRequest = Http.json(request).getString("id");
            fileRequestToken = Http.json(request).getString("token");
            tokens.put(Caller.KEY_READ_OF_ADMIN, keyToken(adminToken, "read"));
            tokens.put(Caller.KEY_WRITE_OF_ADMIN, keyToken(adminToken, "write"));
            tokens.put(Caller.KEY_ADMIN_OF_ADMIN, keyToken(adminToken, "admin"));
            tokens.put(Caller.KEY_READ_OF_OWNER, keyToken(o, "read"));
            tokens.put(Caller.KEY_WRITE_OF_OWNER, keyToken(o, "write"));
            ItDatabase.User demoted = ItDatabase.user(tenant, "demoted-" + s + "@m.test", "ADMIN");
            tokens.put(Caller.KEY_ADMIN_OF_DEMOTED, keyToken(Tokens.accessToken(demoted), "admin"));
            assertEquals(200, Api.role(o, demoted.id().toString(), "MEMBER").statusCode());
            secrets.addAll(List.of(room, folder, doc, trashed, group, spare, apiKey, link, roomName, "doc-" + s,
                    "Folder " + s, "Group " + s));
            secrets.add(invitation);
            secrets.addAll(List.of(webhook, delivery, rule, "Rule " + s, "m-" + s));
            secrets.add(linkToken);
            secrets.addAll(List.of(fileRequest, fileRequestToken));
            secrets.addAll(List.of(otherRoom, "Other " + s, otherRoomFolder, "Elsewhere " + s, "Link " + s,
                    "owner-" + s + "@m.test", "admin-" + s + "@m.test", "spare-" + s + "@m.test",
                    "invited-" + s + "@m.test", "demoted-" + s + "@m.test"));
            directory.addAll(List.of(group, "Group " + s, spare));
            for (Caller c : List.of(Caller.KEY_READ_OF_ADMIN, Caller.KEY_WRITE_OF_ADMIN, Caller.KEY_ADMIN_OF_ADMIN)) {
                own.put(c, "admin-" + s + "@m.test");
            }
            own.put(Caller.KEY_READ_OF_OWNER, "owner-" + s + "@m.test");
            own.put(Caller.KEY_WRITE_OF_OWNER, "owner-" + s + "@m.test");
            own.put(Caller.KEY_ADMIN_OF_DEMOTED, "demoted-" + s + "@m.test");
        }

        /** A fresh single-use link ticket for {@link #doc}, through the visitor session. */
        String linkTicket() {
            HttpResponse<String> t = Http.send(visitor("/api/v1/public/links/" + linkToken + "/documents/" + doc
                    + "/download-ticket", this).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(201, t.statusCode(), t.body());
            String url = Http.json(t).getString("url");
            return url.substring(url.lastIndexOf('/') + 1);
        }
    }

    /** An access token for a new API key of the holder of {@code creatorToken} with {@code scope}. */
    static String keyToken(String creatorToken, String scope) {
        HttpResponse<String> key = Http.postJson("/api/v1/api-keys", creatorToken,
                "{\"name\": \"" + scope + "-" + unique() + "\", \"scopes\": [\"" + scope + "\"]}");
        assertEquals(201, key.statusCode(), key.body());
        HttpResponse<String> token = Http.postJson("/api/v1/auth/token", null,
                "{\"apiKey\": \"" + Http.json(key).getString("key") + "\"}");
        assertEquals(200, token.statusCode(), token.body());
        return Http.json(token).getString("accessToken");
    }

    /** Expected status per caller. */
    interface Rule extends Function<Caller, Integer> {
    }

    record Row(String endpoint, Rule rule, boolean destructive, Function<Fixture, HttpRequest.Builder> request) {
    }

    static Row row(String endpoint, Rule rule, boolean destructive, Function<Fixture, HttpRequest.Builder> request) {
        return new Row(endpoint, rule, destructive, request);
    }

    static int level(Caller c) {
        return switch (c) {
            case OWNER, ADMIN, MEMBER_MANAGE -> 4;
            case MEMBER_UPLOAD -> 3;
            case MEMBER_DOWNLOAD -> 2;
            case MEMBER_VIEW -> 1;
            default -> 0;
        };
    }

    /** Needs {@code needed} (1 VIEW ... 4 MANAGE) on the fixture's room or items: below VIEW the uniform 404. */
    static Rule onTarget(int needed, int ok) {
        return c -> c == Caller.ANONYMOUS ? 401 : level(c) >= needed ? ok : level(c) >= 1 ? 403 : 404;
    }

    /** UPLOAD on the fixture's folder, else the uniform 404 (a file request, FR-1: missing to whoever may not upload). */
    static Rule uploadOrMissing(int ok) {
        return c -> c == Caller.ANONYMOUS ? 401 : level(c) >= 3 ? ok : 404;
    }

    /** OWNER/ADMIN only; another tenant's OWNER meets 404 when the path names an id of ours, else acts on their own. */
    static Rule adminOnly(int ok, boolean ourIdInPath) {
        return c -> switch (c) {
            case ANONYMOUS -> 401;
            case OWNER, ADMIN -> ok;
            case FOREIGN_OWNER -> ourIdInPath ? 404 : ok;
            default -> 403;
        };
    }

    /** OWNER only (an API key acts as ADMIN at most: 403); another tenant's OWNER acts on their own (SSO-1). */
    static Rule ownerOnly(int ok) {
        return c -> switch (c) {
            case ANONYMOUS -> 401;
            case OWNER, FOREIGN_OWNER -> ok;
            default -> 403;
        };
    }

    /** Any signed-in user, each in their own tenant. */
    static Rule anyUser(int ok) {
        return c -> c == Caller.ANONYMOUS ? 401 : ok;
    }

    /** Any user of the fixture's tenant; the uniform 404 for another tenant's. */
    static Rule inTenant(int ok) {
        return c -> c == Caller.ANONYMOUS ? 401 : c == Caller.FOREIGN_OWNER ? 404 : ok;
    }

    /** Any signed-in user with a session, each in their own tenant; an API-key token, whatever its scope, 403 (MFA-11). */
    static Rule sessionOnly(int ok) {
        return new SessionOnly(ok);
    }

    /** The rule of an endpoint for sessions only ({@link #expected} answers 403 to every key). */
    record SessionOnly(int ok) implements Rule {
        @Override
        public Integer apply(Caller c) {
            return c == Caller.ANONYMOUS ? 401 : ok;
        }
    }

    /** A public endpoint: whoever calls gets what an anonymous caller gets (the given status). */
    static Rule sameForEveryone(int status) {
        return new Same(status);
    }

    /** The rule of a public endpoint (a bearer, whatever its scope, changes nothing). */
    record Same(int status) implements Rule {
        @Override
        public Integer apply(Caller c) {
            return status;
        }
    }

    static HttpRequest.Builder get(String path) {
        return Http.request(path).GET();
    }

    static HttpRequest.Builder json(String method, String path, String body) {
        return Http.request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    /** A request of the fixture's visitor session. */
    static HttpRequest.Builder visitor(String path, Fixture f) {
        return Http.request(path).header("X-Visitor-Token", f.visitorToken);
    }

    static HttpRequest.Builder delete(String path) {
        return Http.request(path).DELETE();
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** One row per endpoint of the API. */
    static final List<Row> MATRIX = List.of(
            row("POST /api/v1/auth/signup", sameForEveryone(400), false, f -> json("POST", "/api/v1/auth/signup", "{}")),
            row("POST /api/v1/auth/verify-email", sameForEveryone(400), false,
                    f -> json("POST", "/api/v1/auth/verify-email", "{\"token\": \"nope\"}")),
            row("POST /api/v1/auth/login", sameForEveryone(401), false, f -> json("POST", "/api/v1/auth/login",
                    "{\"tenant\": \"nope-" + unique() + "\", \"email\": \"a-" + unique()
                            + "@b.test\", \"password\": \"wrong password\"}")), // one account each: 20 failures lock one
            row("POST /api/v1/auth/refresh", sameForEveryone(401), false, f -> json("POST", "/api/v1/auth/refresh", "")),
            row("POST /api/v1/auth/mfa", sameForEveryone(401), false,
                    f -> json("POST", "/api/v1/auth/mfa", "{\"mfaToken\": \"nope\", \"code\": \"123456\"}")),
            row("POST /api/v1/auth/password-reset", sameForEveryone(202), false, f -> json("POST",
                    "/api/v1/auth/password-reset", "{\"tenant\": \"nope-" + unique() + "\", \"email\": \"a@b.test\"}")),
            row("POST /api/v1/auth/password-reset/confirm", sameForEveryone(400), false, f -> json("POST",
                    "/api/v1/auth/password-reset/confirm", "{\"token\": \"nope\", \"newPassword\": \"long enough pw\"}")),
            row("POST /api/v1/auth/token", sameForEveryone(401), false,
                    f -> json("POST", "/api/v1/auth/token", "{\"apiKey\": \"nope\"}")),
            row("GET /api/v1/auth/jwks", sameForEveryone(200), false, f -> get("/api/v1/auth/jwks")),
            row("POST /api/v1/auth/logout", anyUser(204), false, f -> json("POST", "/api/v1/auth/logout", "")),
            row("GET /api/v1/me", anyUser(200), false, f -> get("/api/v1/me")),
            row("PATCH /api/v1/me", anyUser(200), false,
                    f -> json("PATCH", "/api/v1/me", "{\"displayName\": \"Renamed " + unique() + "\"}")),
            row("POST /api/v1/me/mfa/totp", sessionOnly(201), false, f -> json("POST", "/api/v1/me/mfa/totp", "")),
            row("POST /api/v1/me/mfa/totp/confirm", sessionOnly(400), false,
                    f -> json("POST", "/api/v1/me/mfa/totp/confirm", "{\"code\": \"not-a-code\"}")),
            row("DELETE /api/v1/me/mfa/totp", sessionOnly(204), false,
                    f -> json("DELETE", "/api/v1/me/mfa/totp", "{\"code\": \"123456\"}")),
            row("POST /api/v1/me/mfa/recovery-codes", sessionOnly(400), false,
                    f -> json("POST", "/api/v1/me/mfa/recovery-codes", "{\"code\": \"not-a-code\"}")), // MFA-19
            // passkeys (PK-1, PK-9): one's own only, from a session; the sign-in endpoints need no token
            row("POST /api/v1/me/webauthn/registrations", sessionOnly(200), false,
                    f -> json("POST", "/api/v1/me/webauthn/registrations", "")),
            row("POST /api/v1/me/webauthn/registrations/finish", sessionOnly(400), false,
                    f -> json("POST", "/api/v1/me/webauthn/registrations/finish", "{\"credential\": {}}")),
            row("GET /api/v1/me/webauthn/credentials", sessionOnly(200), false,
                    f -> get("/api/v1/me/webauthn/credentials")),
            row("DELETE /api/v1/me/webauthn/credentials/{id}", sessionOnly(404), false,
                    f -> delete("/api/v1/me/webauthn/credentials/" + UUID.randomUUID())),
            row("POST /api/v1/auth/webauthn/options", sameForEveryone(200), false,
                    f -> json("POST", "/api/v1/auth/webauthn/options", "{\"tenant\": \"no-such-tenant\"}")),
            row("POST /api/v1/auth/webauthn", sameForEveryone(401), false,
                    f -> json("POST", "/api/v1/auth/webauthn", "{\"tenant\": \"no-such-tenant\", \"assertion\":"
                            + " {\"id\": \"x\"}}")),
            row("GET /api/v1/me/sessions", sessionOnly(200), false, f -> get("/api/v1/me/sessions")),
            row("DELETE /api/v1/me/sessions/{id}", sessionOnly(404), false,
                    f -> delete("/api/v1/me/sessions/" + UUID.randomUUID())), // only one's own live session: 404
            row("GET /api/v1/tenant/security", adminOnly(200, false), false, f -> get("/api/v1/tenant/security")),
            row("PUT /api/v1/tenant/security", adminOnly(200, false), false, f -> json("PUT", "/api/v1/tenant/security",
                    SignInPolicyIT.DEFAULTS)), // the defaults: requireMfa would gate the matrix's own sessions
            row("GET /api/v1/tenant/search", adminOnly(200, false), false, f -> get("/api/v1/tenant/search")),
            row("PUT /api/v1/tenant/search", adminOnly(200, false), false,
                    f -> json("PUT", "/api/v1/tenant/search", "{\"language\": \"english\"}")),
            row("GET /api/v1/tenant/sso", ownerOnly(200), false, f -> get("/api/v1/tenant/sso")),
            row("PUT /api/v1/tenant/sso", ownerOnly(200), false, f -> json("PUT", "/api/v1/tenant/sso",
                    "{\"enabled\": false, \"issuer\": \"\", \"clientId\": \"matrix\", \"emailDomains\":"
                            + " [\"matrix.test\"], \"autoProvision\": false}")), // disabled: no provider asked
            row("GET /api/v1/auth/sso/{tenantSlug}/start", sameForEveryone(404), false,
                    f -> get("/api/v1/auth/sso/no-such-tenant-" + unique() + "/start")),
            row("GET /api/v1/auth/sso/callback", sameForEveryone(401), false,
                    f -> get("/api/v1/auth/sso/callback?state=nope&code=nope")),
            row("GET /api/v1/members", adminOnly(200, false), false, f -> get("/api/v1/members")),
            row("GET /api/v1/audit", adminOnly(200, false), false, f -> get("/api/v1/audit")),
            row("GET /api/v1/audit/verify", adminOnly(200, false), false, f -> get("/api/v1/audit/verify")),
            row("GET /api/v1/audit/export", adminOnly(200, false), false, f -> get("/api/v1/audit/export")),
            // issue 12: activity, erasure, webhooks, automation
            row("GET /api/v1/activity", onTarget(4, 200), false, f -> get("/api/v1/activity?dataroomId=" + f.room)),
            row("POST /api/v1/privacy/erasure", adminOnly(202, false), false,
                    f -> json("POST", "/api/v1/privacy/erasure", "{\"email\": \"nobody-" + unique() + "@m.test\"}")),
            row("POST /api/v1/webhooks", adminOnly(201, false), false, f -> json("POST", "/api/v1/webhooks",
                    "{\"url\": \"http://127.0.0.1:9/" + unique() + "\", \"events\": [\"user.created\"]}")),
            row("GET /api/v1/webhooks", adminOnly(200, false), false, f -> get("/api/v1/webhooks")),
            row("DELETE /api/v1/webhooks/{id}", adminOnly(204, true), true,
                    f -> delete("/api/v1/webhooks/" + f.webhook)),
            row("GET /api/v1/webhooks/{id}/deliveries", adminOnly(200, true), false,
                    f -> get("/api/v1/webhooks/" + f.webhook + "/deliveries")),
            row("POST /api/v1/webhook-deliveries/{id}/replay", adminOnly(202, true), false,
                    f -> json("POST", "/api/v1/webhook-deliveries/" + f.delivery + "/replay", "")),
            row("POST /api/v1/automations", adminOnly(201, false), false, f -> json("POST", "/api/v1/automations",
                    "{\"name\": \"r-" + unique() + "\", \"trigger\": \"dataroom.created\", \"action\": {\"type\":"
                            + " \"NOTE\", \"text\": \"t\"}}")),
            row("GET /api/v1/automations", adminOnly(200, false), false, f -> get("/api/v1/automations")),
            row("GET /api/v1/automations/{id}", adminOnly(200, true), false,
                    f -> get("/api/v1/automations/" + f.rule)),
            row("PATCH /api/v1/automations/{id}", adminOnly(200, true), false,
                    f -> json("PATCH", "/api/v1/automations/" + f.rule, "{\"enabled\": true}")),
            row("DELETE /api/v1/automations/{id}", adminOnly(204, true), true,
                    f -> delete("/api/v1/automations/" + f.rule)),
            row("GET /api/v1/automations/digest", anyUser(200), false, f -> get("/api/v1/automations/digest")),
            row("PUT /api/v1/automations/digest", anyUser(200), false,
                    f -> json("PUT", "/api/v1/automations/digest", "{\"enabled\": false}")),
            row("PATCH /api/v1/members/{userId}", adminOnly(200, true), false,
                    f -> json("PATCH", "/api/v1/members/" + f.spare, "{\"role\": \"MEMBER\"}")),
            row("DELETE /api/v1/members/{userId}/sessions", adminOnly(204, true), false,
                    f -> delete("/api/v1/members/" + f.spare + "/sessions")),
            row("DELETE /api/v1/members/{userId}", adminOnly(204, true), true,
                    f -> delete("/api/v1/members/" + f.spare)),
            row("POST /api/v1/invitations", adminOnly(201, false), false, f -> json("POST", "/api/v1/invitations",
                    "{\"email\": \"inv-" + unique() + "@m.test\", \"role\": \"MEMBER\"}")),
            row("GET /api/v1/invitations", adminOnly(200, false), false, f -> get("/api/v1/invitations")),
            row("DELETE /api/v1/invitations/{id}", adminOnly(204, true), true,
                    f -> delete("/api/v1/invitations/" + f.invitation)),
            row("POST /api/v1/invitations/accept", sameForEveryone(400), false, f -> json("POST",
                    "/api/v1/invitations/accept", "{\"token\": \"nope\", \"password\": \"long enough pw\","
                            + " \"displayName\": \"X\"}")),
            row("POST /api/v1/api-keys", adminOnly(201, false), false,
                    f -> json("POST", "/api/v1/api-keys", "{\"name\": \"k" + unique() + "\", \"scopes\": [\"read\"]}")),
            row("GET /api/v1/api-keys", adminOnly(200, false), false, f -> get("/api/v1/api-keys")),
            row("DELETE /api/v1/api-keys/{id}", adminOnly(204, true), true, f -> delete("/api/v1/api-keys/" + f.apiKey)),
            row("POST /api/v1/datarooms", anyUser(201), false,
                    f -> json("POST", "/api/v1/datarooms", "{\"name\": \"New " + unique() + "\"}")),
            row("GET /api/v1/datarooms", anyUser(200), false, f -> get("/api/v1/datarooms")),
            row("GET /api/v1/datarooms/{id}", onTarget(1, 200), false, f -> get("/api/v1/datarooms/" + f.room)),
            row("PATCH /api/v1/datarooms/{id}", onTarget(4, 200), false,
                    f -> json("PATCH", "/api/v1/datarooms/" + f.room, "{\"description\": \"d" + unique() + "\"}")),
            row("DELETE /api/v1/datarooms/{id}", onTarget(4, 204), true, f -> delete("/api/v1/datarooms/" + f.room)),
            row("POST /api/v1/datarooms/{id}/folders", onTarget(4, 201), false, f -> json("POST",
                    "/api/v1/datarooms/" + f.room + "/folders", "{\"name\": \"N" + unique() + "\"}")),
            row("POST /api/v1/datarooms/{id}/paths", onTarget(4, 200), false, f -> json("POST",
                    "/api/v1/datarooms/" + f.room + "/paths", "[\"P" + unique() + "/Q\", \"P/Q\"]")),
            row("POST /api/v1/datarooms/{id}/documents", onTarget(3, 201), false, f -> Http.request(
                    "/api/v1/datarooms/" + f.room + "/documents?folderId=" + f.folder + "&name=u" + unique() + ".pdf")
                    .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(PDF))),
            row("GET /api/v1/datarooms/{id}/trash", onTarget(4, 200), false,
                    f -> get("/api/v1/datarooms/" + f.room + "/trash")),
            row("GET /api/v1/datarooms/{id}/tree", onTarget(1, 200), false,
                    f -> get("/api/v1/datarooms/" + f.room + "/tree")),
            // issue 18: search (after the audit rows, like every row naming the room: a foreign caller's refused
            // attempt is in its own audit log with the id it sent)
            row("GET /api/v1/search", onTarget(1, 200), false,
                    f -> get("/api/v1/search?q=doc&dataroomId=" + f.room)),
            // issue 18: file requests (FR-1): UPLOAD where the request puts files; below it the request is missing
            row("POST /api/v1/datarooms/{id}/file-requests", onTarget(3, 201), false, f -> json("POST",
                    "/api/v1/datarooms/" + f.room + "/file-requests", "{\"folderId\": \"" + f.folder
                            + "\", \"name\": \"R" + unique() + "\"}")),
            row("GET /api/v1/datarooms/{id}/file-requests", onTarget(1, 200), false,
                    f -> get("/api/v1/datarooms/" + f.room + "/file-requests")),
            row("GET /api/v1/file-requests/{id}", uploadOrMissing(200), false,
                    f -> get("/api/v1/file-requests/" + f.fileRequest)),
            row("GET /api/v1/file-requests/{id}/files", uploadOrMissing(200), false,
                    f -> get("/api/v1/file-requests/" + f.fileRequest + "/files")),
            row("PATCH /api/v1/file-requests/{id}", uploadOrMissing(200), false, f -> json("PATCH",
                    "/api/v1/file-requests/" + f.fileRequest, "{\"name\": \"R" + unique() + "\"}")),
            row("DELETE /api/v1/file-requests/{id}", uploadOrMissing(204), true,
                    f -> delete("/api/v1/file-requests/" + f.fileRequest)),
            row("GET /api/v1/datarooms/{id}/index", onTarget(1, 200), false,
                    f -> get("/api/v1/datarooms/" + f.room + "/index?format=csv")),
            row("GET /api/v1/datarooms/{id}/grants", onTarget(4, 200), false,
                    f -> get("/api/v1/datarooms/" + f.room + "/grants")),
            row("GET /api/v1/datarooms/{id}/effective-permissions", onTarget(4, 200), false,
                    f -> get("/api/v1/datarooms/" + f.room + "/effective-permissions?folderId=" + f.folder)),
            row("PUT /api/v1/datarooms/{id}/grants", onTarget(4, 200), true,
                    f -> json("PUT", "/api/v1/datarooms/" + f.room + "/grants", "[]")),
            row("GET /api/v1/folders/{id}", onTarget(1, 200), false, f -> get("/api/v1/folders/" + f.folder)),
            row("PATCH /api/v1/folders/{id}", onTarget(4, 200), false,
                    f -> json("PATCH", "/api/v1/folders/" + f.folder, "{\"name\": \"R" + unique() + "\"}")),
            row("DELETE /api/v1/folders/{id}", onTarget(4, 204), true, f -> delete("/api/v1/folders/" + f.folder)),
            row("GET /api/v1/documents/{id}", onTarget(1, 200), false, f -> get("/api/v1/documents/" + f.doc)),
            row("PATCH /api/v1/documents/{id}", onTarget(4, 200), false,
                    f -> json("PATCH", "/api/v1/documents/" + f.doc, "{\"name\": \"r" + unique() + ".pdf\"}")),
            row("DELETE /api/v1/documents/{id}", onTarget(4, 204), true, f -> delete("/api/v1/documents/" + f.doc)),
            row("POST /api/v1/documents/{id}/versions", onTarget(3, 201), false, f -> Http.request(
                    "/api/v1/documents/" + f.doc + "/versions").header("Content-Type", "application/pdf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PDF))),
            // DOC-62: a resumable upload is created under the plain upload's rule (UPLOAD on the target)
            row("POST /api/v1/uploads", onTarget(3, 201), false, f -> Http.request("/api/v1/uploads")
                    .header("Tus-Resumable", "1.0.0").header("Upload-Length", "10")
                    .header("Upload-Metadata", ResumableUploadsIT.meta("dataroomId", f.room, "folderId", f.folder,
                            "name", "t" + unique() + ".bin")).POST(HttpRequest.BodyPublishers.noBody())),
            // DOC-61: an upload is its creator's only; the fixture's id is nobody's, so every caller meets 404
            row("PATCH /api/v1/uploads/{id}", c -> c == Caller.ANONYMOUS ? 401 : 404, false, f -> Http.request(
                    "/api/v1/uploads/" + UUID.randomUUID()).header("Tus-Resumable", "1.0.0")
                    .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[4]))),
            row("DELETE /api/v1/uploads/{id}", c -> c == Caller.ANONYMOUS ? 401 : 404, false, f -> Http.request(
                    "/api/v1/uploads/" + UUID.randomUUID()).header("Tus-Resumable", "1.0.0").DELETE()),
            row("GET /api/v1/documents/{id}/content", onTarget(2, 200), false,
                    f -> get("/api/v1/documents/" + f.doc + "/content")),
            row("POST /api/v1/documents/{id}/download-ticket", onTarget(2, 201), false,
                    f -> json("POST", "/api/v1/documents/" + f.doc + "/download-ticket", "")),
            row("GET /api/v1/documents/{id}/pages/{n}", onTarget(1, 200), false,
                    f -> get("/api/v1/documents/" + f.doc + "/pages/1")),
            row("POST /api/v1/documents/{id}/restore", onTarget(4, 200), true, f -> json("POST", "/api/v1/documents/" + f.trashed + "/restore", "")),
            row("GET /api/v1/download-tickets/{ticket}", sameForEveryone(404), false,
                    f -> get("/api/v1/download-tickets/" + unique() + unique())),
            row("POST /api/v1/groups", adminOnly(201, false), false,
                    f -> json("POST", "/api/v1/groups", "{\"name\": \"G" + unique() + "\"}")),
            row("GET /api/v1/groups", anyUser(200), false, f -> get("/api/v1/groups")),
            row("GET /api/v1/groups/{id}", inTenant(200), false, f -> get("/api/v1/groups/" + f.group)),
            row("DELETE /api/v1/groups/{id}", adminOnly(204, true), true, f -> delete("/api/v1/groups/" + f.group)),
            row("PUT /api/v1/groups/{id}/members", adminOnly(200, true), false,
                    f -> json("PUT", "/api/v1/groups/" + f.group + "/members", "[\"" + f.spare + "\"]")),
            row("GET /api/v1/groups/{id}/members", inTenant(200), false,
                    f -> get("/api/v1/groups/" + f.group + "/members")),
            // share links, owner side: MANAGE on the target (or its room)
            row("POST /api/v1/share-links", onTarget(4, 201), false, f -> json("POST", "/api/v1/share-links",
                    "{\"target\": {\"type\": \"FOLDER\", \"id\": \"" + f.folder + "\"}}")),
            row("GET /api/v1/share-links", anyUser(200), false, f -> get("/api/v1/share-links?targetId=" + f.room)),
            row("GET /api/v1/share-links/{id}", onTarget(4, 200), false, f -> get("/api/v1/share-links/" + f.link)),
            // issue 18: access requests (AR-4): a link's managers only; an id nobody's is 404 to everyone signed in
            row("GET /api/v1/share-links/{id}/access-requests", onTarget(4, 200), false,
                    f -> get("/api/v1/share-links/" + f.link + "/access-requests")),
            row("POST /api/v1/access-requests/{id}/approve", anyUser(404), false,
                    f -> json("POST", "/api/v1/access-requests/" + UUID.randomUUID() + "/approve", "")),
            row("POST /api/v1/access-requests/{id}/deny", anyUser(404), false,
                    f -> json("POST", "/api/v1/access-requests/" + UUID.randomUUID() + "/deny", "")),
            row("GET /api/v1/share-links/{id}/analytics", onTarget(4, 200), false,
                    f -> get("/api/v1/share-links/" + f.link + "/analytics")),
            row("GET /api/v1/share-links/{id}/visits", onTarget(4, 200), false,
                    f -> get("/api/v1/share-links/" + f.link + "/visits?format=csv")),
            row("GET /api/v1/documents/{id}/analytics", onTarget(4, 200), false,
                    f -> get("/api/v1/documents/" + f.doc + "/analytics")),
            row("GET /api/v1/datarooms/{id}/analytics", onTarget(4, 200), false,
                    f -> get("/api/v1/datarooms/" + f.room + "/analytics")),
            row("PATCH /api/v1/share-links/{id}", onTarget(4, 200), false,
                    f -> json("PATCH", "/api/v1/share-links/" + f.link, "{\"name\": \"L" + unique() + "\"}")),
            row("DELETE /api/v1/share-links/{id}", onTarget(4, 204), true,
                    f -> delete("/api/v1/share-links/" + f.link)),
            // share links, visitor side: the fixture's valid link token is the capability (with its visitor session);
            // a bearer changes nothing. The same requests with a random token instead answer the uniform 404
            // (perm13_everyEndpointAnswersEveryCallerAsTheMatrixSaysAndNeverLeaks).
            row("GET /api/v1/public/links/{token}", sameForEveryone(200), false,
                    f -> get("/api/v1/public/links/" + f.linkToken)),
            row("POST /api/v1/public/links/{token}/sessions", sameForEveryone(201), false,
                    f -> json("POST", "/api/v1/public/links/" + f.linkToken + "/sessions", "{}")),
            row("GET /api/v1/public/links/{token}/tree", sameForEveryone(200), false,
                    f -> visitor("/api/v1/public/links/" + f.linkToken + "/tree", f).GET()),
            row("POST /api/v1/public/links/{token}/access-requests", sameForEveryone(202), false,
                    f -> json("POST", "/api/v1/public/links/" + f.linkToken + "/access-requests",
                            "{\"email\": \"asker-" + unique() + "@m.test\"}")),
            row("GET /api/v1/public/file-requests/{token}", sameForEveryone(200), false,
                    f -> get("/api/v1/public/file-requests/" + f.fileRequestToken)),
            row("POST /api/v1/public/file-requests/{token}/files", sameForEveryone(201), false, f -> Http.request(
                    "/api/v1/public/file-requests/" + f.fileRequestToken + "/files?name=s" + unique() + ".pdf")
                    .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(PDF))),
            row("GET /api/v1/public/links/{token}/search", sameForEveryone(200), false,
                    f -> visitor("/api/v1/public/links/" + f.linkToken + "/search?q=doc", f).GET()),
            row("GET /api/v1/public/links/{token}/documents/{docId}/pages/{n}", sameForEveryone(200), false,
                    f -> visitor("/api/v1/public/links/" + f.linkToken + "/documents/" + f.doc + "/pages/1", f).GET()),
            row("GET /api/v1/public/links/{token}/documents/{docId}/content", sameForEveryone(200), false,
                    f -> visitor("/api/v1/public/links/" + f.linkToken + "/documents/" + f.doc + "/content", f).GET()),
            row("POST /api/v1/public/links/{token}/documents/{docId}/download-ticket", sameForEveryone(201), false,
                    f -> visitor("/api/v1/public/links/" + f.linkToken + "/documents/" + f.doc + "/download-ticket", f)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())),
            // a visitor session of its own per call: one session may post only a few batches a second (ACT-22)
            row("POST /api/v1/public/links/{token}/events", sameForEveryone(202), false,
                    f -> Http.request("/api/v1/public/links/" + f.linkToken + "/events").header("X-Visitor-Token",
                            Http.json(Http.postJson("/api/v1/public/links/" + f.linkToken + "/sessions", null, "{}"))
                                    .getString("visitorToken"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                    "[{\"docId\": \"" + f.doc + "\", \"page\": 1, \"seconds\": 3}]"))),
            row("GET /api/v1/public/links/{token}/zip", sameForEveryone(200), false,
                    f -> visitor("/api/v1/public/links/" + f.linkToken + "/zip", f).GET()),
            row("GET /api/v1/public/link-tickets/{ticket}", sameForEveryone(200), false,
                    f -> get("/api/v1/public/link-tickets/" + f.linkTicket())));

    static HttpResponse<String> call(Row row, Fixture f, Caller caller) {
        HttpRequest.Builder r = row.request().apply(f);
        if (caller != Caller.ANONYMOUS) {
            r.header("Authorization", "Bearer " + f.tokens.get(caller));
        }
        return Http.send(r);
    }

    /** A problem body without its per-request {@code instance}. */
    static String withoutInstance(String body) {
        JsonObject o = Json.createReader(new StringReader(body)).readObject();
        JsonObjectBuilder b = Json.createObjectBuilder(o);
        b.remove("instance");
        return b.build().toString();
    }

    /**
     * The same request with every fixture id (and the link token) replaced by a fresh random one; null when the
     * request names nothing of the fixture (its twin would be the same request, proving nothing).
     */
    static HttpResponse<String> missingTwin(Row row, Fixture f, Caller caller) {
        HttpRequest original = row.request().apply(f).build();
        String uri = original.uri().toString();
        String replaced = uri;
        for (String id : List.of(f.room, f.folder, f.doc, f.trashed, f.group, f.spare, f.apiKey, f.link)) {
            replaced = replaced.replace(id, UUID.randomUUID().toString());
        }
        replaced = replaced.replace(f.linkToken, unique() + unique() + unique() + unique() + unique() + unique());
        if (replaced.equals(uri)) {
            return null;
        }
        HttpRequest.Builder twin = HttpRequest.newBuilder(java.net.URI.create(replaced))
                .method(original.method(), original.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
        original.headers().map().forEach((k, vs) -> vs.forEach(v -> twin.header(k, v)));
        if (caller != Caller.ANONYMOUS) {
            twin.header("Authorization", "Bearer " + f.tokens.get(caller));
        }
        return Http.send(twin);
    }

    @Test
    void perm13_everyEndpointOfTheApiHasARow() {
        HttpResponse<String> openapi = Http.send(Http.request("/openapi").header("Accept", "application/json").GET());
        assertEquals(200, openapi.statusCode());
        JsonObject paths = Http.json(openapi).getJsonObject("paths");
        Set<String> endpoints = new TreeSet<>();
        paths.forEach((path, item) -> item.asJsonObject().keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(m -> endpoints.add(m.toUpperCase() + " " + path)));
        Set<String> rows = new TreeSet<>();
        MATRIX.forEach(r -> assertTrue(rows.add(r.endpoint()), "one row per endpoint: " + r.endpoint()));
        Set<String> missing = new TreeSet<>(endpoints);
        missing.removeAll(rows);
        assertEquals(Set.of(), missing, "endpoints without a row in AuthorizationMatrixIT.MATRIX (add one line each)");
        Set<String> stale = new TreeSet<>(rows);
        stale.removeAll(endpoints);
        assertEquals(Set.of(), stale, "rows for endpoints the server does not have");
    }

    @Test
    void perm13_everyEndpointAnswersEveryCallerAsTheMatrixSaysAndNeverLeaks() {
        Fixture shared = new Fixture();
        HttpResponse<String> unknownLink = Http.get("/api/v1/public/links/" + unique() + unique() + unique()
                + unique() + unique() + unique());
        assertEquals(404, unknownLink.statusCode(), unknownLink.body());
        List<String> failures = new ArrayList<>();
        for (Row row : MATRIX) {
            for (Caller caller : Caller.values()) {
                int expected = expected(row, caller);
                // fresh also when only a key's scope should refuse: a key wrongly let through must not spoil the rest
                Fixture f = row.destructive() && (expected < 400 || row.rule().apply(caller.actsAs()) < 400)
                        ? new Fixture() : shared;
                HttpResponse<String> r = call(row, f, caller);
                String where = row.endpoint() + " as " + caller;
                if (r.statusCode() != expected) {
                    failures.add(where + ": expected " + expected + ", got " + r.statusCode() + " " + r.body());
                    continue;
                }
                if (expected >= 400) {
                    for (String secret : f.secrets) {
                        if (r.body().contains(secret)) {
                            failures.add(where + ": the refusal names " + secret);
                        }
                    }
                }
                if (expected == 404 && caller != Caller.ANONYMOUS) {
                    HttpResponse<String> twin = missingTwin(row, f, caller);
                    if (twin != null && (twin.statusCode() != 404
                            || !withoutInstance(twin.body()).equals(withoutInstance(r.body())))) {
                        failures.add(where + ": the 404 differs from a missing id's: " + r.body() + " vs "
                                + twin.body());
                    }
                }
                if (row.rule() instanceof Same && expected < 300) {
                    // a visitor row served with the valid link: the same request with a random token is the 404 of
                    // an unknown link, byte for byte
                    HttpResponse<String> twin = missingTwin(row, f, caller);
                    if (twin != null && (twin.statusCode() != 404
                            || !withoutInstance(twin.body()).equals(withoutInstance(unknownLink.body())))) {
                        failures.add(where + " with a random link token: " + twin.statusCode() + " " + twin.body()
                                + " instead of " + unknownLink.body());
                    }
                }
                // a public row answers what its capability (the link) shows, whoever calls: not a caller's leak
                if ((caller == Caller.FOREIGN_OWNER || caller.actsAs() == Caller.MEMBER_NONE)
                        && !(row.rule() instanceof Same)) {
                    for (String secret : f.secrets) {
                        if (r.body().contains(secret) && !secret.equals(f.own.get(caller))
                                && (caller == Caller.FOREIGN_OWNER || !f.directory.contains(secret))) {
                            failures.add(where + ": the answer names " + secret);
                        }
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " cells of the matrix disagree:\n" + String.join("\n", failures));
        }
    }

    @Test
    void perm13_idsOfOtherRoomsAndTenantsInQueriesAndBodiesAreRefusedLikeMissingOnes() {
        Fixture f = new Fixture();
        String o = f.tokens.get(Caller.OWNER);
        for (String elsewhere : List.of(f.otherRoomFolder, f.foreignFolder)) {
            String random = UUID.randomUUID().toString();
            List<Function<String, HttpResponse<String>>> forms = List.of(
                    id -> Http.send(Http.request("/api/v1/datarooms/" + f.room + "/documents?name=q" + unique()
                                    + ".pdf&folderId=" + id).header("Authorization", "Bearer " + o)
                            .header("Content-Type", "application/pdf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(PDF))),
                    id -> Http.postJson("/api/v1/datarooms/" + f.room + "/folders", o,
                            "{\"name\": \"n" + unique() + "\", \"parentId\": \"" + id + "\"}"),
                    id -> Http.patchJson("/api/v1/folders/" + f.folder, o, "{\"parentId\": \"" + id + "\"}"),
                    id -> Http.patchJson("/api/v1/documents/" + f.doc, o, "{\"folderId\": \"" + id + "\"}"),
                    id -> Api.put("/api/v1/datarooms/" + f.room + "/grants", o, "[" + Api.grant("USER", f.spare, id,
                            "VIEW") + "]"));
            for (Function<String, HttpResponse<String>> form : forms) {
                HttpResponse<String> named = form.apply(elsewhere);
                HttpResponse<String> missing = form.apply(random);
                assertTrue(named.statusCode() == 400 || named.statusCode() == 404, named.body());
                assertEquals(missing.statusCode(), named.statusCode(), named.body());
                assertEquals(withoutInstance(missing.body()).replace(random, elsewhere),
                        withoutInstance(named.body()), "a folder of another room or tenant is like a missing one");
                assertFalse(named.body().contains("Elsewhere") || named.body().contains("Theirs"), named.body());
            }
        }
        // a share link on another tenant's folder, or on a document addressed as a folder, is a link on nothing
        Function<String, HttpResponse<String>> linkOn = id -> Http.postJson("/api/v1/share-links", o,
                "{\"target\": {\"type\": \"FOLDER\", \"id\": \"" + id + "\"}}");
        HttpResponse<String> missingTarget = linkOn.apply(UUID.randomUUID().toString());
        assertEquals(404, missingTarget.statusCode(), missingTarget.body());
        for (String notAFolderOfOurs : List.of(f.foreignFolder, f.doc)) {
            HttpResponse<String> named = linkOn.apply(notAFolderOfOurs);
            assertEquals(404, named.statusCode(), named.body());
            assertEquals(withoutInstance(missingTarget.body()), withoutInstance(named.body()));
        }
        HttpResponse<String> foreignUser = Api.put("/api/v1/groups/" + f.group + "/members", o,
                "[\"" + UUID.randomUUID() + "\"]");
        assertEquals(400, foreignUser.statusCode(), foreignUser.body());
        assertEquals(200, Http.get("/api/v1/documents/" + f.doc, o).statusCode(), "nothing moved");
        assertTrue(Http.get("/api/v1/datarooms/" + f.room + "/tree", o).body().contains(f.doc));
    }
}
