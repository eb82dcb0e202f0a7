/**
 * Tenancy: which tenant a unit of work belongs to, and the two walls that keep tenants apart.
 *
 * <p>Contract:
 * <ul>
 *   <li>The tenant of a request comes only from the verified token (claim {@link io.coffer.tenancy.TenantClaims#TENANT}).
 *       Flows that start without a token (signup, login by slug, mailed tokens, share links, background jobs) first
 *       resolve their tenant through {@link io.coffer.tenancy.TenantDirectory}, a global lookup outside the tenant
 *       tables, and then run inside {@link io.coffer.tenancy.TenantScope#call}.</li>
 *   <li>One tenant per transaction. An interceptor bound to every EJB business method (ejb-jar.xml) sets EclipseLink's
 *       tenant (first wall) and PostgreSQL's {@code coffer.tenant} setting for row-level security (second wall) at
 *       the start of each transaction; asking for another tenant in the same transaction fails.</li>
 *   <li>No tenant, no tenant data: a multitenant query without a tenant fails (EclipseLink), and a native query sees
 *       no row (row-level security). Tenant data is touched only inside a transaction.</li>
 *   <li>Tenant-owned entities extend {@link io.coffer.tenancy.TenantOwned}.</li>
 * </ul>
 */
package io.coffer.tenancy;
