--liquibase formatted sql

--changeset coffer:automation-2
--comment: What routes an event (docs/features/foundation.md, FD-34; automation.md, AUTO-10; webhooks.md, WH-16): a
--comment: tenant's automation rules and its webhook subscriptions. Each committed change of them raises the tenant's
--comment: access generation (tenancy-3), so that the answer "which event types does this tenant route" can be kept in
--comment: memory per instance and read from there while the generation stays the one this transaction read: an event
--comment: then costs no query for routing it, and a rule or webhook made on another instance is seen at its next
--comment: request. Changes are rare (a person edits a rule), so the extra raises cost the access caches nothing.
create constraint trigger automation_rules_routing after insert or update or delete on automation_rules
    deferrable initially deferred for each row execute function access_generation_bump();
create constraint trigger webhooks_routing after insert or update or delete on webhooks
    deferrable initially deferred for each row execute function access_generation_bump();
--rollback drop trigger webhooks_routing on webhooks; drop trigger automation_rules_routing on automation_rules;
