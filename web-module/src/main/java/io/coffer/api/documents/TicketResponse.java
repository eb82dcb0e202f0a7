package io.coffer.api.documents;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A single-use download URL. */
@Schema(name = "DownloadTicket")
public record TicketResponse(@Schema(required = true, format = "uri", maxLength = 2048) String url,
                             @Schema(required = true, description = "seconds") long expiresIn)
        implements io.coffer.api.security.CarriesSecret {
}
