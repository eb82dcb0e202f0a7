package io.coffer.api.search;

import io.coffer.documents.Search;
import io.coffer.documents.SearchHit;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answers of search, for members and (without room ids) for visitors. */
public final class SearchDtos {

    private SearchDtos() {
    }

    @Schema(name = "SearchHit", description = "A document whose name or text matches; page is absent for a match of"
            + " the name.")
    @JsonbPropertyOrder({"documentId", "dataroomId", "name", "path", "page", "snippet", "score"})
    public record Hit(@Schema(required = true, format = "uuid", maxLength = 36) String documentId,
                      @Schema(format = "uuid", maxLength = 36, description = "Absent in a visitor's search.")
                      @JsonbNillable(false) String dataroomId,
                      @Schema(required = true, maxLength = 255) String name,
                      @Schema(required = true, maxLength = 4096, description = "The folder names above the"
                              + " document, '/'-separated; empty at the top (of the room, or of the link).") String path,
                      @Schema(minimum = "1", maximum = "2147483647", description = "The page the match is on.")
                      @JsonbNillable(false) Integer page,
                      @Schema(required = true, maxLength = 4096, description = "Plain text with «» around the"
                              + " matches.") String snippet,
                      @Schema(required = true, minimum = "0", description = "Higher is better; comparable within one"
                              + " search only.") double score) {
        static Hit of(SearchHit h, boolean withRoom) {
            return new Hit(h.documentId().toString(), withRoom ? h.dataroomId().toString() : null, h.name(),
                    h.path(), h.page(), h.snippet(), h.score());
        }
    }

    @Schema(name = "SearchResults")
    @JsonbPropertyOrder({"items", "nextCursor"})
    public record Results(@Schema(required = true, maxItems = 200) List<Hit> items,
                          @Schema(required = true, nullable = true, maxLength = 64, pattern = "^[A-Za-z0-9_-]+$",
                                  description = "Pass as ?cursor= for the next page.") String nextCursor) {
        public static Results of(Search.Results r, boolean withRoom) {
            return new Results(r.items().stream().map(h -> Hit.of(h, withRoom)).toList(), r.nextCursor());
        }
    }
}
