/** REST of share links, owner side ({@code /share-links}); the visitor side is {@code io.coffer.api.visitor}. */
package io.coffer.api.sharelinks;
