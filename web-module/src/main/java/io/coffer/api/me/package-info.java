/** {@code /api/v1/me}: the caller's own account (identity module). */
package io.coffer.api.me;
