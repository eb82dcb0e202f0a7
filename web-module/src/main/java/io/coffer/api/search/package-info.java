/** Full-text search for members ({@code GET /search}; docs/features/search.md, SR-1..SR-7). */
package io.coffer.api.search;
