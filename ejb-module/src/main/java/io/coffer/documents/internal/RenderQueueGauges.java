package io.coffer.documents.internal;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * OPS-12: the render queue in {@code /metrics}, per instance: {@code coffer_render_queue_length{queue=...}} (jobs
 * waiting) and {@code coffer_render_active{queue=...}} (jobs running) for the three places pages and PDFs are made:
 * {@code pages-ahead} (whole documents rendered ahead of their visitors, {@link PdfPages}), {@code pages} (a page a
 * visitor asked for now) and {@code office} (office files converted to PDF, {@link OfficeConversion}). The queues are
 * the executors' and the semaphore's own state in memory: a scrape runs no statement and takes no lock. Registered at
 * start, so the series exist before the first render; the beans that own the queues register their own gauges
 * ({@link PdfPages#gauges}, {@link OfficeConversion#gauges}) so that each gauge reads the instance, not a proxy.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RenderQueueGauges {

    static final Metadata WAITING = Metadata.builder().withName("coffer.render.queue.length")
            .withDescription("Render jobs waiting on this instance, by queue (pages-ahead, pages, office)").build();
    static final Metadata RUNNING = Metadata.builder().withName("coffer.render.active")
            .withDescription("Render jobs running on this instance, by queue (pages-ahead, pages, office)").build();

    @Inject
    MetricRegistry registry;

    @Inject
    PdfPages pdf;

    @Inject
    OfficeConversion office;

    @PostConstruct
    void register() {
        pdf.gauges(registry);
        office.gauges(registry);
    }
}
