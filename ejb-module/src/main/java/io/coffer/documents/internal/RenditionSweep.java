package io.coffer.documents.internal;

import io.coffer.documents.Audience;
import io.coffer.platform.CofferSettings;
import io.coffer.platform.PeriodicJobs;
import io.coffer.platform.PlatformState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sweeps this instance's rendition cache every {@code coffer.renditions.sweep-interval} (a minute): an audience's
 * files go once they are older than {@link Audience#RENDITIONS_KEPT} (SL-23), then the least recently used page
 * images and audiences until all renditions on this disk hold at most {@code COFFER_RENDITION_CACHE_MB} (DOC-42).
 * Files only (on the periodic jobs' frame, {@link PeriodicJobs}, without waiting for the database): no transaction,
 * nothing shared with another instance (each sweeps its own disk). Ages are measured on
 * the system clock, the one file times are written in (a test that moves Coffer's clock does not age the files).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RenditionSweep {

    static final Duration MAX_AGE = Audience.RENDITIONS_KEPT;
    private static final Logger LOG = Logger.getLogger(RenditionSweep.class.getName());

    @Inject
    PeriodicJobs jobs;

    @Inject
    Renditions renditions;

    @Inject
    CofferSettings settings;

    @Inject
    PlatformState platform;

    @Inject
    @ConfigProperty(name = "coffer.renditions.sweep-interval", defaultValue = "PT1M")
    String interval;

    private long maxBytes;
    private PeriodicJobs.Job job;

    @PostConstruct
    void schedule() {
        try {
            maxBytes = settings.renditionCacheBytes();
        } catch (io.coffer.platform.StartupFailure failure) {
            platform.refuseStart(failure);
            return;
        }
        Duration every = PeriodicJobs.interval(interval);
        job = jobs.start("The rendition sweep", every, every, PeriodicJobs.Needs.NOTHING, j -> sweep());
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.stop();
        }
    }

    private void sweep() {
        Renditions.Swept swept = renditions.sweep(Instant.now(), MAX_AGE, maxBytes);
        if (swept.sessions() > 0 || swept.pages() > 0) {
            LOG.info("Rendition cache: " + swept.sessions() + " audience(s) and " + swept.pages()
                    + " page image(s) swept, " + swept.bytesLeft() + " bytes left (bound " + maxBytes + ")");
        }
    }
}
