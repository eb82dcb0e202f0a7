/** REST of the share-link visitor side ({@code /public/...}): no bearer token, the link token is the capability. */
package io.coffer.api.visitor;
