package io.coffer.mail;

/** A plain-text mail to one recipient. {@code toString} hides the body (it may hold a secret link or code). */
public record Mail(String to, String subject, String text) {
    @Override
    public String toString() {
        return "Mail[" + subject + "]";
    }
}
