package io.coffer.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Maps every {@link Instant} attribute to {@code timestamptz}: Jakarta Persistence 3.1 has no {@code Instant} basic
 * type, and EclipseLink would otherwise serialise it to bytes.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, Timestamp> {
    @Override
    public Timestamp convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @Override
    public Instant convertToEntityAttribute(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * A {@code timestamptz} value as a native query answers it (a {@code Timestamp}, an {@code OffsetDateTime}, or
     * text, by driver and EclipseLink version), or null: the one reading of the native-row classes.
     */
    public static Instant fromColumn(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime d) {
            return d.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return Instant.parse(value.toString());
    }
}
