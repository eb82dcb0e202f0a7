package io.coffer.tenancy.internal;

import io.coffer.shared.TenantId;
import io.coffer.tenancy.Tenant;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of the global tenant directory (table {@code tenants}, outside row-level security: slugs are public). */
@Entity
@Table(name = "tenants")
@NamedQuery(name = TenantEntity.BY_SLUG, query = "select t from TenantEntity t where t.slug = :slug")
public class TenantEntity {
    public static final String BY_SLUG = "TenantEntity.bySlug";

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String slug;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TenantEntity() {
    }

    public TenantEntity(UUID id, String slug, String name, Instant createdAt) {
        this.id = id;
        this.slug = slug;
        this.name = name;
        this.createdAt = createdAt;
    }

    public Tenant toTenant() {
        return new Tenant(new TenantId(id), slug, name);
    }
}
