package io.coffer.tenancy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a business method of an EJB that starts from nothing but a secret (a share link's token): its first parameter
 * is the secret, a {@code String} or a {@link Carrier}. Before the method runs, tenancy's interceptor finds the
 * secret's tenant in {@code token_index} ({@link OneTimeSecrets#tenantOf}) and binds it to the method's transaction;
 * an unknown secret, or one of another kind, is refused with {@code NotFoundException} and the method never runs. So
 * a token-less entry is one EJB call in one transaction, without a hop that looks the tenant up and calls
 * {@link TenantScope#call}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TenantOfSecret {

    /** The kind the secret was issued as. */
    SecretKind value();

    /** A parameter that carries the secret (a visitor's request with its link token). */
    interface Carrier {
        String secret();
    }
}
