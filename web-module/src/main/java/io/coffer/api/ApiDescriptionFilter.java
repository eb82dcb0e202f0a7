package io.coffer.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * The one place where the served API description ({@code /openapi}) gets what follows from the contract's
 * conventions rather than from one operation (registered as {@code mp.openapi.filter}; API-3, API-4):
 * <ul>
 * <li>error answers, each a {@code $ref} to a problem+json response of {@code META-INF/openapi.yaml}: every operation
 * may answer 500; a bearer operation 401 (and 403: a read-scoped API key or a role below the endpoint's, for every
 * write, and for the reads named in {@link #FORBIDDEN_READS}); a visitor operation 401 {@code credentials-required};
 * an operation with path parameters 404; one with a body or query parameters 400, and 415 for a JSON body; the
 * statuses an operation answers besides these are in {@link #EXTRA};</li>
 * <li>the limits of strings, integers and arrays that the contract fixes for every field of a kind: ids are UUIDs,
 * instants ISO-8601, emails at most 254 characters, hashes 64 hex digits, tokens base64url, lists at most 200 items
 * a page ({@code ?limit=} is clamped to 200).</li>
 * </ul>
 * It never invents a status: what an operation answers beyond these rules is written on the operation.
 */
public class ApiDescriptionFilter implements OASFilter {

    /**
     * Statuses beyond the convention, by operationId: the contract's tables and the code they were read from (503:
     * the visitor's watermarked renditions wait at most 30 s for a permit, sharelinks' Watermarks).
     */
    static final Map<String, List<String>> EXTRA = Map.ofEntries(
            Map.entry("signup", List.of("409", "429")),
            Map.entry("verifyEmail", List.of("429")),
            Map.entry("login", List.of("401", "403", "429")),
            Map.entry("completeMfa", List.of("401", "429")),
            Map.entry("loginWithPasskey", List.of("401", "403", "429")),
            Map.entry("passkeyOptions", List.of("429")),
            Map.entry("startSso", List.of("429")),
            Map.entry("finishPasskeyRegistration", List.of("409")),
            Map.entry("enrolTotp", List.of("409")),
            Map.entry("confirmTotp", List.of("409")),
            Map.entry("disableTotp", List.of("429")),
            Map.entry("refreshToken", List.of("401")),
            Map.entry("requestPasswordReset", List.of("429")),
            Map.entry("confirmPasswordReset", List.of("429")),
            Map.entry("exchangeApiKey", List.of("401")),
            Map.entry("acceptInvitation", List.of("409")),
            Map.entry("inviteMember", List.of("409")),
            Map.entry("changeMemberRole", List.of("409")),
            Map.entry("removeMember", List.of("409")),
            Map.entry("putTenantSecurity", List.of("409")),
            Map.entry("createFolder", List.of("409")),
            Map.entry("ensureFolderPaths", List.of("409")),
            Map.entry("updateFolder", List.of("409")),
            Map.entry("uploadDocument", List.of("409", "413")),
            Map.entry("addDocumentVersion", List.of("413")),
            Map.entry("updateDocument", List.of("409")),
            Map.entry("restoreDocument", List.of("409")),
            Map.entry("createGroup", List.of("409")),
            Map.entry("getDocumentContent", List.of("416")),
            Map.entry("redeemDownloadTicket", List.of("416")),
            Map.entry("openLink", List.of("410")),
            Map.entry("startVisitorSession", List.of("401", "403", "410", "429")),
            Map.entry("getLinkTree", List.of("410")),
            Map.entry("searchLink", List.of("410")),
            Map.entry("requestLinkAccess", List.of("429")),
            Map.entry("askQuestion", List.of("429")),
            Map.entry("askLinkQuestion", List.of("410", "429")),
            Map.entry("listLinkQuestions", List.of("410")),
            Map.entry("approveAccessRequest", List.of("409")),
            Map.entry("denyAccessRequest", List.of("409")),
            Map.entry("search", List.of("404")),
            Map.entry("getLinkPage", List.of("410", "503")),
            Map.entry("getLinkContent", List.of("403", "410", "416", "503")),
            Map.entry("headLinkContent", List.of("403", "410", "416", "503")),
            Map.entry("createLinkDownloadTicket", List.of("403", "410")),
            Map.entry("redeemLinkTicket", List.of("403", "410", "416", "503")),
            Map.entry("getLinkZip", List.of("403", "410", "503")),
            Map.entry("sendPageBeacons", List.of("410", "429", "503")),
            Map.entry("listActivity", List.of("404")),
            Map.entry("deleteAutomationRule", List.of("409")));

    /** Bearer reads that a caller may be refused by role (403), not only by visibility (404). */
    static final Set<String> FORBIDDEN_READS = Set.of("listMembers", "listInvitations", "listApiKeys",
            "listRoomTrash", "listRoomGrants", "listShareLinks", "getShareLink", "getDocumentContent",
            "headDocumentContent", "listActivity", "getShareLinkAnalytics", "exportShareLinkVisits",
            "getDocumentAnalytics", "getDataRoomAnalytics", "listAutomationRules", "getAutomationRule",
            "listMySessions", "getTenantSecurity", "getTenantSearch",
            "listAccessRequests");

    /** A limit the server enforces on a parameter of this name (token and ticket lengths: tenancy's TokenDirectory). */
    record Limit(int maxLength, String pattern) {
    }

    static final Map<String, Limit> PARAMETERS = Map.of(
            "token", new Limit(512, "^[A-Za-z0-9_-]+$"),
            "ticket", new Limit(512, "^[A-Za-z0-9_-]+$"),
            "n", new Limit(9, "^[0-9]+$"),
            "cursor", new Limit(64, "^[A-Za-z0-9_-]+$"),
            "name", new Limit(255, null),
            "X-Visitor-Token", new Limit(4096, null),
            "coffer_refresh", new Limit(512, "^[A-Za-z0-9_-]+$"),
            "Digest", new Limit(512, null),
            "Range", new Limit(512, null),
            "If-None-Match", new Limit(512, null));

    /** The reusable problem answers of {@code META-INF/openapi.yaml}, by status. */
    private static final Map<String, String> PROBLEMS = Map.ofEntries(
            Map.entry("400", "BadRequest"), Map.entry("401", "Unauthenticated"), Map.entry("403", "Forbidden"),
            Map.entry("404", "NotFound"), Map.entry("405", "MethodNotAllowed"), Map.entry("409", "Conflict"),
            Map.entry("410", "Gone"), Map.entry("413", "PayloadTooLarge"), Map.entry("415", "UnsupportedMediaType"),
            Map.entry("416", "RangeNotSatisfiable"), Map.entry("429", "RateLimited"), Map.entry("500", "Internal"),
            Map.entry("503", "Unavailable"));

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(
            ApiDescriptionFilter.class.getName());

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        try {
            complete(openAPI);
        } catch (RuntimeException e) {
            // Liberty reports only the exception's class (CWWKO1661E) and serves an empty document: log where it broke
            LOG.log(java.util.logging.Level.SEVERE, "the API description could not be completed", e);
            throw e;
        }
    }

    private void complete(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(this::describe);
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(s -> limits(null, s));
            dropUnused(openAPI);
        }
    }

    /**
     * Drops the component schemas no answer or body refers to: the scanner also registers the classes that only
     * type a list's items ({@code UserId}, {@code EmailAddress}...), which it inlines, and the raw generic {@code Page}.
     */
    private static void dropUnused(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Set<String> used = new java.util.HashSet<>();
        java.util.Deque<Schema> todo = new java.util.LinkedList<>(); // takes the nulls of absent parts
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getParameters() != null) {
                op.getParameters().forEach(p -> todo.add(p.getSchema()));
            }
            if (op.getRequestBody() != null) {
                todo.addAll(schemas(op.getRequestBody().getContent()));
            }
            if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                op.getResponses().getAPIResponses().values().forEach(r -> todo.addAll(schemas(r.getContent())));
            }
        }));
        if (openAPI.getComponents().getResponses() != null) {
            openAPI.getComponents().getResponses().values().forEach(r -> todo.addAll(schemas(r.getContent())));
        }
        while (!todo.isEmpty()) {
            Schema s = todo.poll();
            if (s == null) {
                continue;
            }
            if (s.getRef() != null) {
                String name = s.getRef().substring(s.getRef().lastIndexOf('/') + 1);
                if (used.add(name) && schemas.containsKey(name)) {
                    todo.add(schemas.get(name));
                }
            }
            if (s.getProperties() != null) {
                todo.addAll(s.getProperties().values());
            }
            todo.add(s.getItems());
            todo.add(s.getAdditionalPropertiesSchema());
            todo.add(s.getNot());
            for (List<Schema> list : java.util.Arrays.asList(s.getAllOf(), s.getAnyOf(), s.getOneOf())) {
                if (list != null) {
                    todo.addAll(list);
                }
            }
        }
        new java.util.ArrayList<>(schemas.keySet()).stream().filter(n -> !used.contains(n))
                .forEach(n -> openAPI.getComponents().removeSchema(n));
    }

    private void describe(PathItem item) {
        item.getOperations().forEach((method, op) -> {
            if (op.getResponses() == null) {
                op.setResponses(OASFactory.createAPIResponses());
            }
            APIResponses responses = op.getResponses();
            String id = op.getOperationId() == null ? "" : op.getOperationId();
            List<Parameter> params = new java.util.ArrayList<>();
            if (item.getParameters() != null) {
                params.addAll(item.getParameters());
            }
            if (op.getParameters() != null) {
                params.addAll(op.getParameters());
            }
            params.forEach(p -> limits(p.getName(), p.getSchema()));
            if (op.getRequestBody() != null) {
                schemas(op.getRequestBody().getContent()).forEach(m -> limits(null, m));
            }
            if (responses.getAPIResponses() != null) {
                responses.getAPIResponses().values().forEach(r -> schemas(r.getContent()).forEach(m -> limits(null, m)));
            }
            boolean bearer = has(op, "bearer");
            boolean visitor = has(op, "visitorToken");
            boolean safe = method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD;
            if (bearer) {
                problem(responses, "401");
                if (!safe || FORBIDDEN_READS.contains(id)) {
                    problem(responses, "403");
                }
            }
            if (visitor) {
                problem(responses, "401");
            }
            if (params.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
                problem(responses, "404");
            }
            boolean json = op.getRequestBody() != null && op.getRequestBody().getContent() != null
                    && op.getRequestBody().getContent().getMediaTypes() != null
                    && op.getRequestBody().getContent().hasMediaType("application/json");
            if (op.getRequestBody() != null || params.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY)) {
                problem(responses, "400");
            }
            if (json) {
                problem(responses, "415");
            }
            EXTRA.getOrDefault(id, List.of()).forEach(status -> problem(responses, status));
            problem(responses, "500");
            sort(responses);
        });
    }

    /** The schemas of a body or an answer, by media type; none when it has no content. */
    private static List<Schema> schemas(org.eclipse.microprofile.openapi.models.media.Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return List.of();
        }
        return content.getMediaTypes().values().stream().filter(m -> m != null && m.getSchema() != null)
                .map(org.eclipse.microprofile.openapi.models.media.MediaType::getSchema).toList();
    }

    private static boolean has(Operation op, String scheme) {
        List<SecurityRequirement> security = op.getSecurity();
        return security != null && security.stream().anyMatch(r -> r.hasScheme(scheme));
    }

    private static void problem(APIResponses responses, String status) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse()
                    .ref("#/components/responses/" + PROBLEMS.get(status)));
        }
    }

    /** Answers in the order of their status, so that the served document's order does not depend on the scan. */
    private static void sort(APIResponses responses) {
        if (responses.getAPIResponses() == null) {
            return;
        }
        var sorted = new TreeMap<>(responses.getAPIResponses());
        sorted.keySet().forEach(responses::removeAPIResponse);
        sorted.forEach(responses::addAPIResponse);
    }

    /** The limits every field of a kind has (see the class comment); an explicit limit on a field wins. */
    static void limits(String name, Schema s) {
        if (s == null || s.getRef() != null) {
            return;
        }
        if (s.getType() == Schema.SchemaType.STRING && s.getEnumeration() == null) {
            String format = s.getFormat();
            if (format == null && name != null && (name.equals("id") || name.endsWith("Id"))) {
                s.setFormat("uuid");
                format = "uuid";
            }
            if ("uuid".equals(format)) {
                maxLength(s, 36);
                pattern(s, "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
            } else if ("date-time".equals(format)) {
                maxLength(s, 35);
            } else if ("email".equals(format)) {
                maxLength(s, 254);
            } else if (name != null && PARAMETERS.containsKey(name)) {
                maxLength(s, PARAMETERS.get(name).maxLength());
                if (PARAMETERS.get(name).pattern() != null) {
                    pattern(s, PARAMETERS.get(name).pattern());
                }
            }
        }
        if ((s.getType() == Schema.SchemaType.INTEGER) && s.getMinimum() == null) {
            s.setMinimum(BigDecimal.ZERO);
        }
        if (s.getType() == Schema.SchemaType.INTEGER && s.getMaximum() == null) {
            s.setMaximum("int32".equals(s.getFormat()) ? BigDecimal.valueOf(Integer.MAX_VALUE)
                    : BigDecimal.valueOf(Long.MAX_VALUE));
        }
        if (s.getProperties() != null) {
            s.getProperties().forEach(ApiDescriptionFilter::limits);
        }
        if (s.getItems() != null) {
            limits(null, s.getItems());
        }
    }

    private static void maxLength(Schema s, int max) {
        if (s.getMaxLength() == null) {
            s.setMaxLength(max);
        }
    }

    private static void pattern(Schema s, String pattern) {
        if (s.getPattern() == null) {
            s.setPattern(pattern);
        }
    }
}
