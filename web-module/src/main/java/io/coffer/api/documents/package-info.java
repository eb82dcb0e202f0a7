/** {@code /documents}: metadata and downloads (Range, ETag, HEAD); uploads live under {@code /datarooms/{id}/documents}. */
package io.coffer.api.documents;
