package io.coffer.identity.internal;

import io.coffer.identity.Role;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.UnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The caller check's one statement ({@code caller_check}, Liquibase identity-6; ID-38): the user's role and token
 * version in the token's tenant, and whether the token's signing key is still published, over plain JDBC in a
 * statement of its own (no container transaction, no entity, no second statement to bind the tenant: the function
 * binds it for the statement, and row-level security applies as to every query).
 */
@ApplicationScoped
public class CallerStatement {

    static final String CHECK = "select user_role, user_token_version, key_published, session_ended,"
            + " session_second_factor, require_mfa from caller_check(?, ?, ?, ?, ?)";

    @Resource(lookup = "jdbc/coffer")
    DataSource database;

    /** What the database says of a current user of the tenant; empty when there is none (removed, foreign, unknown). */
    public record Row(Role role, int tokenVersion, boolean keyPublished, boolean sessionEnded,
                      boolean sessionSecondFactor, boolean requireMfa) {
    }

    /** {@code session}: the token's {@code sid}, null for a token without one (ID-41: ended sessions are refused). */
    Optional<Row> check(TenantId tenant, UserId user, String kid, Instant now, java.util.UUID session) {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(CHECK)) {
            s.setObject(1, tenant.value());
            s.setObject(2, user.value());
            s.setString(3, kid);
            s.setTimestamp(4, Timestamp.from(now));
            s.setObject(5, session, java.sql.Types.OTHER);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Row(Role.valueOf(r.getString(1)), r.getInt(2), r.getBoolean(3),
                        r.getBoolean(4), r.getBoolean(5), r.getBoolean(6))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UnavailableException("The database is not answering; retry shortly.");
        }
    }
}
