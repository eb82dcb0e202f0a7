package io.coffer.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A list answer: {@code {"items": [...], "nextCursor": null}} (contract: Lists). */
@Schema(name = "Page")
public record Page<T>(@Schema(required = true, maxItems = 200, description = "At most ?limit= (at most 200).") List<T> items,
                      @Schema(required = true, nullable = true, maxLength = 64,
                              description = "Pass as ?cursor= for the next page.") String nextCursor) {
    public static <T> Page<T> of(List<T> items) {
        return new Page<>(items, null);
    }
}
