package io.coffer.documents;

import java.util.UUID;

/**
 * One search result (contract "GET /search"): a document, where it is shown ({@code path}: the folder names above it,
 * "/"-separated, empty at the top), the page the match is on (null for a match of the name), the snippet (plain text,
 * «» around the matches) and its score (higher is better; comparable within one search only).
 */
public record SearchHit(UUID documentId, UUID dataroomId, String name, String path, Integer page, String snippet,
                        double score) {
}
