package io.coffer.documents.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} tells the operator how previews are made: whether LibreOffice was found (office files are
 * download-only without it; where it is installed is not said, DOC-21), whether its conversions run without network,
 * and whether PDF pages render in a separate process. All are optional: always UP.
 */
@Readiness
@ApplicationScoped
public class PreviewHealth implements HealthCheck {

    @Inject
    OfficeConversion office;

    @Inject
    PdfPages pdf;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("previews").up()
                .withData("officeConverter", office.available() ? "available"
                        : "none: office files are download-only")
                .withData("officeSandbox", !office.available() ? "none"
                        : office.networkIsolated() ? "no network" : "network not isolated")
                .withData("pdfRendering", pdf.mode())
                .build();
    }
}
