package io.coffer.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** Coffer's REST API v1 ({@code ../shared/contract/api-v1.md}). Access tokens are verified by MicroProfile JWT. */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "coffer")
@DeclareRoles({"OWNER", "ADMIN", "MEMBER"})
@OpenAPIDefinition(info = @Info(title = "Coffer API", version = "1",
        description = "Secure document sharing and virtual data rooms. Errors are RFC 9457 problem+json.",
        contact = @Contact(name = "Coffer operators")),
        servers = @Server(url = "/", description = "This Coffer server (production or local): the API is under /api/v1",
                extensions = @Extension(name = "x-internal", value = "false", parseValue = true)),
        tags = {
            @Tag(name = "auth", description = "Sign-up, login, tokens and password reset"),
            @Tag(name = "me", description = "The caller's own account"),
            @Tag(name = "members", description = "Members, invitations and API keys of the tenant"),
            @Tag(name = "tenant", description = "The tenant's own settings: its sign-in policy and search language"),
            @Tag(name = "datarooms", description = "Data rooms, their folders, trees and grants"),
            @Tag(name = "documents", description = "Documents, versions, content, pages and download tickets"),
            @Tag(name = "search", description = "Full-text search over names and document text"),
            @Tag(name = "questions", description = "Q&A on documents: questions of members and answers of managers"),
            @Tag(name = "groups", description = "Tenant-wide groups of users"),
            @Tag(name = "share-links", description = "The owner side of share links"),
            @Tag(name = "visitor", description = "The visitor side of share links (no bearer token)"),
            @Tag(name = "activity", description = "The activity stream, analytics and visitors' personal data")})
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token (RS256 JWT signed by the server, at most 15 minutes), verified as RFC8725 asks:"
                + " the algorithm is fixed to RS256, issuer, audience and expiry are checked.")
@SecurityScheme(securitySchemeName = "visitorToken", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-Visitor-Token", description = "The visitor token of a share-link session (POST"
                + " /public/links/{token}/sessions); the link token in the path is the capability.")
@SecurityScheme(securitySchemeName = "refreshCookie", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
        apiKeyName = "coffer_refresh", description = "The SPA's refresh token: HttpOnly, Secure, SameSite=Strict,"
                + " scoped to /api/v1/auth.")
public class CofferApi extends Application {
}
