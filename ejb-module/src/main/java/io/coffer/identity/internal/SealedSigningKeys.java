package io.coffer.identity.internal;

import io.coffer.platform.SealedColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The private keys of {@code signing_keys.private_key_enc} for the master key rotation's re-seal job and the start-up check (OPS-22, OPS-23): global table (no tenant), a retired key kept for its public half has none.
 */
@ApplicationScoped
@Transactional
public class SealedSigningKeys implements SealedColumns {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    private static final String TABLE = "signing_keys";
    private static final String KEY = "kid";
    private static final String COLUMN = "private_key_enc";
    private static final boolean UUID_KEY = false;
    private static final boolean PER_TENANT = false;

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Override
    public String what() {
        return "token signing keys";
    }

    @Override
    public boolean perTenant() {
        return PER_TENANT;
    }

    @Override
    public List<Sealed> batch(String after, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SealedColumns.batchSql(TABLE, KEY, COLUMN, UUID_KEY, PER_TENANT))
                .setHint(NATIVE, true).setParameter(1, after == null ? SealedColumns.first(UUID_KEY) : after)
                .setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Sealed((String) r[0], (byte[]) r[1])).toList();
    }

    @Override
    public boolean replace(String id, byte[] expected, byte[] resealed) {
        return em.createNativeQuery(SealedColumns.replaceSql(TABLE, KEY, COLUMN, UUID_KEY, PER_TENANT))
                .setHint(NATIVE, true).setParameter(1, resealed).setParameter(2, id).setParameter(3, expected)
                .executeUpdate() == 1;
    }
}
