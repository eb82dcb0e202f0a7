package io.coffer.api.me;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The fields of their own account a user may change. Unknown fields are refused. */
@Schema(name = "MeUpdate")
public record MeUpdate(@Schema(required = true, minLength = 1, maxLength = 100, description = "Trimmed; no control characters.")
                       String displayName) {
}
