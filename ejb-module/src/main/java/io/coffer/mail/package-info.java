/**
 * Mail: what Coffer sends and how it leaves. Callers hand a {@link io.coffer.mail.Mail} to
 * {@link io.coffer.mail.Mailer#sendAfterCommit}; it goes out only if their transaction commits, on a managed thread (so
 * that the answer's timing never tells whether a mail was sent), over SMTP with STARTTLS when
 * {@code COFFER_SMTP_HOST} is set, otherwise as an RFC 5322 {@code .eml} file written atomically under
 * {@code $COFFER_HOME/mail/}. The log names the file or the SMTP host, never a recipient's secret.
 */
package io.coffer.mail;
