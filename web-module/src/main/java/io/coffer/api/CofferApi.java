package io.coffer.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** Coffer's REST API v1 ({@code ../shared/contract/api-v1.md}). Access tokens are verified by MicroProfile JWT. */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "coffer")
@DeclareRoles({"OWNER", "ADMIN", "MEMBER"})
@OpenAPIDefinition(info = @Info(title = "Coffer API", version = "1",
        description = "Secure document sharing and virtual data rooms. Errors are RFC 9457 problem+json."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class CofferApi extends Application {
}
