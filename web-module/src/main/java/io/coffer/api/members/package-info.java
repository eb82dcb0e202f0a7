/** Members, invitations and API keys of the caller's tenant (identity module). */
package io.coffer.api.members;
