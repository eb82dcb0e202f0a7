/**
 * Audit: the tamper-evident log of state changes and access decisions (docs/features/audit.md). It observes the
 * modules' {@link io.coffer.shared.CofferEvent}s and is called by nobody but its own HTTP face (ArchUnit). Actions are
 * written {@code BEFORE_COMPLETION}, in the transaction they record; denials {@code AFTER_COMPLETION}, in a
 * transaction of their own ({@link io.coffer.tenancy.TenantScope#call}), so that a refusal whose transaction rolls
 * back keeps its entry, and one whose transaction commits gets exactly one too.
 *
 * <p>Face: {@link io.coffer.audit.AuditLog} (OWNER/ADMIN: list, verify the chain, export).
 */
package io.coffer.audit;
