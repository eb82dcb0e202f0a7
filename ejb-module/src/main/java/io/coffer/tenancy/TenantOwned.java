package io.coffer.tenancy;

import jakarta.persistence.MappedSuperclass;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumns;

/**
 * Base of every tenant-owned entity: EclipseLink adds {@code tenant_id = <tenant of the transaction>} to every query
 * and insert (first wall); the table carries a row-level security policy on the same column (second wall, see
 * liquibase/). The tenant column is never mapped as a field: no code can set it.
 */
@MappedSuperclass
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumns(
        @TenantDiscriminatorColumn(name = "tenant_id", contextProperty = TenantOwned.TENANT_PROPERTY))
public abstract class TenantOwned {
    /** The EntityManager property that carries the tenant of the transaction. */
    public static final String TENANT_PROPERTY = "eclipselink.tenant-id";
}
