package io.coffer.web;

import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * OPS-12: every request of the application is timed under its endpoint group and status class
 * ({@code coffer_http_requests_seconds{group="datarooms",status="2xx"}}; the timer's count is the request count). The
 * group comes from {@link EndpointGroups}' fixed table, so the series are bounded (groups x 5 status classes) whatever
 * paths clients send. A request that goes asynchronous is recorded when it completes. Requests Liberty answers before
 * the application (a refused MP-JWT token, Liberty's own endpoints) are not seen here; Liberty's
 * {@code http_server_request_duration_seconds} has them, by route.
 */
@WebFilter(filterName = "requestMetrics", urlPatterns = "/*", asyncSupported = true)
public class RequestMetricsFilter extends HttpFilter {

    static final String NAME = "coffer.http.requests";
    private static final Metadata METADATA = Metadata.builder().withName(NAME)
            .withDescription("Requests of the application by endpoint group and status class, and how long they took")
            .build();

    @Inject
    MetricRegistry registry;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        String group = EndpointGroups.of(request.getRequestURI().substring(request.getContextPath().length()));
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            if (!failed && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(group, response.getStatus(), start);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
            } else {
                // an exception leaving the chain becomes the container's 500
                record(group, failed ? 500 : response.getStatus(), start);
            }
        }
    }

    private void record(String group, int status, long start) {
        if (registry == null) {
            return; // no metrics (a container without MicroProfile Metrics): the request is served all the same
        }
        String statusClass = EndpointGroups.statusClass(status);
        timers.computeIfAbsent(group + " " + statusClass,
                        k -> registry.timer(METADATA, new Tag("group", group), new Tag("status", statusClass)))
                .update(Duration.ofNanos(System.nanoTime() - start));
    }
}
