/** {@code /api/v1/auth}: login and the public keys that verify access tokens (identity module). */
package io.coffer.api.auth;
