package io.coffer.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.UUID;

/**
 * A nullable {@code uuid} column: EclipseLink 4.0.9's built-in UUID converter throws on a NULL value (seen with
 * {@code items.parent_id}). The JDBC driver reads a {@code uuid} as {@link UUID} and binds one as {@code uuid}, so
 * this converter only has to let NULL through.
 */
@Converter
public class NullableUuid implements AttributeConverter<UUID, Object> {
    @Override
    public Object convertToDatabaseColumn(UUID value) {
        return value;
    }

    @Override
    public UUID convertToEntityAttribute(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
    }
}
