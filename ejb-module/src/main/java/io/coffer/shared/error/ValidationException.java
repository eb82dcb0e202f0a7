package io.coffer.shared.error;

import java.util.List;

/** The request is malformed; {@link #errors()} names each offending field. */
public class ValidationException extends CofferException {
    private final List<FieldError> errors;

    public ValidationException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException("The request is not valid.", List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One invalid field: its JSON name and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
