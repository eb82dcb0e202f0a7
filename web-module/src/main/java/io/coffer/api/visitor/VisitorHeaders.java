package io.coffer.api.visitor;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every answer under {@code /api/v1/public/} (the visitor side), errors and unmatched paths included, sends
 * {@code Referrer-Policy: no-referrer} (a link token in the address bar never leaks to another site) and
 * {@code Cache-Control: no-store} (SL-16). Global, not name-bound, so that exception-mapped answers get it too.
 */
@Provider
public class VisitorHeaders implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/public/") || path.startsWith("public/")) {
            response.getHeaders().putSingle("Referrer-Policy", "no-referrer");
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
