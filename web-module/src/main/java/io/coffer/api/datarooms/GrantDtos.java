package io.coffer.api.datarooms;

import io.coffer.datarooms.Grant;
import io.coffer.datarooms.Permission;
import io.coffer.shared.error.ValidationException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code GET/PUT /datarooms/{id}/grants}: a bare array of grants. */
public final class GrantDtos {
    private GrantDtos() {
    }

    @Schema(name = "Principal")
    public record PrincipalView(@Schema(required = true, enumeration = {"USER", "GROUP"}) String type,
                                @Schema(required = true, format = "uuid") String id) {
    }

    @Schema(name = "Grant")
    public record GrantView(@Schema(required = true) PrincipalView principal,
                            @Schema(nullable = true, format = "uuid", description = "null: the whole room")
                            String folderId,
                            @Schema(required = true, enumeration = {"NONE", "VIEW", "DOWNLOAD", "UPLOAD", "MANAGE"})
                            String permission) {
        static GrantView of(Grant g) {
            return new GrantView(new PrincipalView(g.principalType().name(), g.principalId().toString()),
                    g.folderId() == null ? null : g.folderId().toString(), g.permission().name());
        }
    }

    /** One member's effective level at a scope of a room and why (PERM-22). */
    @Schema(name = "EffectivePermission")
    public record EffectiveView(@Schema(required = true, format = "uuid") String userId,
                                @Schema(required = true, enumeration = {"NONE", "VIEW", "DOWNLOAD", "UPLOAD", "MANAGE"})
                                String permission,
                                @Schema(required = true, enumeration = {"ROLE", "USER", "GROUP", "NONE"},
                                        description = "ROLE: an OWNER or ADMIN manages everything; USER: the member's"
                                                + " own grant; GROUP: a grant to groupId, a group of the member; NONE:"
                                                + " no grant applies")
                                String source,
                                @Schema(nullable = true, format = "uuid", description = "The group of a GROUP grant")
                                String groupId,
                                @Schema(nullable = true, format = "uuid",
                                        description = "The folder the deciding grant sits on; null: the room itself"
                                                + " (or no grant)")
                                String folderId) {
        static EffectiveView of(io.coffer.datarooms.EffectivePermission e) {
            return new EffectiveView(e.user().value().toString(), e.permission().name(), e.source().name(),
                    e.groupId() == null ? null : e.groupId().toString(),
                    e.folderId() == null ? null : e.folderId().toString());
        }
    }

    /** The most members one answer of effective permissions lists (every current member of the tenant). */
    static final int MAX_MEMBERS = 10000;

    @Schema(name = "EffectivePermissions")
    public record EffectivePermissions(@Schema(required = true, maxItems = MAX_MEMBERS,
            description = "Every current member of the tenant, by email") java.util.List<EffectiveView> items) {
    }

    /**
     * Reads the bare array after the room-level check; every entry is checked and every error named by its index
     * ({@code [2].permission}), so that one invalid entry refuses the whole list.
     */
    /** The most grants one room may have (API-6: every array of a body has its limit in the description). */
    static final int MAX_GRANTS = 1000;

    static List<Grant> parse(String body) {
        JsonArray array;
        try {
            if (body == null || body.isBlank()) {
                throw ValidationException.of("body", "must be an array of grants");
            }
            JsonValue value = io.coffer.shared.JsonP.createReader(new java.io.StringReader(body)).readValue();
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw ValidationException.of("body", "must be an array of grants");
            }
            array = value.asJsonArray();
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            throw ValidationException.of("body", "must be an array of grants");
        }
        if (array.size() > MAX_GRANTS) {
            throw ValidationException.of("body", "must hold at most " + MAX_GRANTS + " grants");
        }
        List<Grant> grants = new ArrayList<>();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "[" + i + "]";
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new ValidationException.FieldError(at, "must be an object"));
                continue;
            }
            JsonObject o = array.getJsonObject(i);
            int before = errors.size();
            unknown(o, Set.of("principal", "folderId", "permission"), at, errors);
            Grant.PrincipalType type = null;
            UUID principal = null;
            if (!o.containsKey("principal") || o.get("principal").getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new ValidationException.FieldError(at + ".principal", "is required"));
            } else {
                JsonObject p = o.getJsonObject("principal");
                unknown(p, Set.of("type", "id"), at + ".principal", errors);
                type = enumValue(Grant.PrincipalType.class, p, "type", at + ".principal.type", errors);
                principal = uuid(p, "id", at + ".principal.id", true, errors);
            }
            UUID folder = uuid(o, "folderId", at + ".folderId", false, errors);
            Permission permission = enumValue(Permission.class, o, "permission", at + ".permission", errors);
            if (errors.size() == before) {
                grants.add(new Grant(type, principal, folder == null ? null : new io.coffer.shared.FolderId(folder),
                        permission));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Some grants are not valid; nothing was changed.", errors);
        }
        return grants;
    }

    private static void unknown(JsonObject o, Set<String> allowed, String at,
                                List<ValidationException.FieldError> errors) {
        o.keySet().stream().filter(k -> !allowed.contains(k)).forEach(k ->
                errors.add(new ValidationException.FieldError(at + "." + k, "is not a field of a grant")));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonObject o, String field, String at,
                                                   List<ValidationException.FieldError> errors) {
        if (o.containsKey(field) && o.get(field).getValueType() == JsonValue.ValueType.STRING) {
            try {
                return Enum.valueOf(type, o.getString(field));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        errors.add(new ValidationException.FieldError(at, "must be one of " + java.util.Arrays.toString(
                type.getEnumConstants())));
        return null;
    }

    private static UUID uuid(JsonObject o, String field, String at, boolean required,
                             List<ValidationException.FieldError> errors) {
        if (!o.containsKey(field) || o.isNull(field)) {
            if (required) {
                errors.add(new ValidationException.FieldError(at, "is required"));
            }
            return null;
        }
        if (o.get(field).getValueType() == JsonValue.ValueType.STRING) {
            try {
                return UUID.fromString(o.getString(field));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        errors.add(new ValidationException.FieldError(at, "must be a UUID"));
        return null;
    }
}
