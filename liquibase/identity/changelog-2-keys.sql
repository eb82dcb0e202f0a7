--liquibase formatted sql

--changeset coffer:identity-2
--comment: Signing keys of access tokens (global: the JWKS is one for all tenants). The private key is stored only
--comment: encrypted (AES-GCM with the master key from COFFER_KEY_ENCRYPTION_KEY or COFFER_HOME/keys/master.key).
--comment: A key is served in the JWKS while not_after is null or in the future; the newest key with a private key
--comment: and no not_after signs.
create table signing_keys (
    kid              text        primary key,
    public_jwk       text        not null,
    private_key_enc  bytea,
    created_at       timestamptz not null default now(),
    not_after        timestamptz
);
--rollback drop table signing_keys;
