package io.coffer.automation.internal;

import io.coffer.automation.Rule;
import io.coffer.automation.RuleId;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.AccessGenerations;
import io.coffer.tenancy.GenerationMemo;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The rows of automation's tables, in the caller's transaction (row-level security holds them to its tenant, and
 * every query names the tenant too).
 */
@ApplicationScoped
public class RuleStore {

    static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    static final String ONBOARDING = "onboarding";
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "cast(id as text), name, trigger, cast(conditions as text),"
            + " cast(action as text), enabled, built_in, cast(created_by as text),"
            + " to_char(created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
            + " to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    /** Tenants whose routing is kept in memory (a few hundred bytes each). */
    static final int ROUTED_TENANTS = 10_000;

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    AccessGenerations generations;

    /** Per tenant: the triggers of its enabled rules, while its access generation stays (AUTO-10, FD-34). */
    private GenerationMemo<Set<String>> triggers;

    @PostConstruct
    void init() {
        triggers = new GenerationMemo<>(generations, ROUTED_TENANTS);
    }

    private Query sql(String sql, Object... parameters) {
        Query q = em.createNativeQuery(sql).setHint(NATIVE, true);
        for (int i = 0; i < parameters.length; i++) {
            q.setParameter(i + 1, parameters[i]);
        }
        return q;
    }

    /**
     * The stored form of a count or debounce subject (link and visitor): a SHA-256 of it, so that no visitor email
     * lies in automation's tables in plain text (erasure of a visitor finds none here; AUTO-27).
     */
    static String key(TenantId tenant, String subject) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((tenant + "|" + subject).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String at(Instant instant) {
        return MICROS.format(instant);
    }

    /**
     * The hot path's one question (AUTO-10): does the tenant have an enabled rule of this trigger? Answered from the
     * triggers kept in memory while the tenant's access generation stays the one this transaction read (the rules
     * raise it: automation-2); else one index scan of automation_rules_trigger for all of them.
     */
    public boolean anyEnabled(TenantId tenant, String trigger) {
        return triggers.get(tenant, () -> enabledTriggers(tenant)).contains(trigger);
    }

    private Set<String> enabledTriggers(TenantId tenant) {
        Set<String> out = new HashSet<>();
        for (Object t : sql("select distinct trigger from automation_rules where tenant_id = cast(?1 as uuid)"
                + " and enabled", tenant.toString()).getResultList()) {
            out.add((String) t);
        }
        return Set.copyOf(out);
    }

    /** The built-in rules exist in every tenant (created on first need; enabled). */
    public void ensureBuiltIns(TenantId tenant, Instant now) {
        triggers.changedInThisTransaction();
        sql("insert into automation_rules (id, tenant_id, name, trigger, conditions, action, enabled, built_in,"
                        + " created_at, updated_at) values (cast(?1 as uuid), cast(?2 as uuid), 'Welcome mail',"
                        + " 'user.created', '{}'::jsonb, cast(?3 as jsonb), true, ?4, cast(?5 as timestamptz),"
                        + " cast(?5 as timestamptz)) on conflict (tenant_id, built_in) where built_in is not null"
                        + " do nothing",
                UUID.randomUUID().toString(), tenant.toString(),
                RuleJson.action(new Rule.Action("EMAIL", List.of(), null, null, null)), ONBOARDING, at(now))
                .executeUpdate();
    }

    public Rule insert(TenantId tenant, Rule r) {
        triggers.changedInThisTransaction();
        sql("insert into automation_rules (id, tenant_id, name, trigger, conditions, action, enabled, created_by,"
                        + " created_at, updated_at) values (cast(?1 as uuid), cast(?2 as uuid), ?3, ?4,"
                        + " cast(?5 as jsonb), cast(?6 as jsonb), ?7, cast(?8 as uuid), cast(?9 as timestamptz),"
                        + " cast(?9 as timestamptz))",
                r.id().toString(), tenant.toString(), r.name(), r.trigger(), RuleJson.conditions(r.conditions()),
                RuleJson.action(r.action()), r.enabled(), r.createdBy() == null ? null : r.createdBy().toString(),
                at(r.createdAt())).executeUpdate();
        return find(tenant, r.id()).orElseThrow();
    }

    public void update(TenantId tenant, Rule r, Instant now) {
        triggers.changedInThisTransaction();
        sql("update automation_rules set name = ?3, trigger = ?4, conditions = cast(?5 as jsonb),"
                        + " action = cast(?6 as jsonb), enabled = ?7, updated_at = cast(?8 as timestamptz)"
                        + " where tenant_id = cast(?1 as uuid) and id = cast(?2 as uuid)",
                tenant.toString(), r.id().toString(), r.name(), r.trigger(), RuleJson.conditions(r.conditions()),
                RuleJson.action(r.action()), r.enabled(), at(now)).executeUpdate();
    }

    public void delete(TenantId tenant, RuleId id) {
        triggers.changedInThisTransaction();
        sql("delete from automation_rules where tenant_id = cast(?1 as uuid) and id = cast(?2 as uuid)",
                tenant.toString(), id.toString()).executeUpdate();
    }

    public Optional<Rule> find(TenantId tenant, RuleId id) {
        return rules("select " + COLUMNS + " from automation_rules where tenant_id = cast(?1 as uuid)"
                + " and id = cast(?2 as uuid)", tenant.toString(), id.toString()).stream().findFirst();
    }

    /** One page by id, after {@code after}. */
    public List<Rule> page(TenantId tenant, RuleId after, int limit) {
        return after == null
                ? rules("select " + COLUMNS + " from automation_rules where tenant_id = cast(?1 as uuid)"
                + " order by id limit " + limit, tenant.toString())
                : rules("select " + COLUMNS + " from automation_rules where tenant_id = cast(?1 as uuid)"
                + " and id > cast(?2 as uuid) order by id limit " + limit, tenant.toString(), after.toString());
    }

    /** The enabled rules of one trigger, oldest first. */
    public List<Rule> enabledFor(TenantId tenant, String trigger) {
        return rules("select " + COLUMNS + " from automation_rules where tenant_id = cast(?1 as uuid)"
                + " and trigger = ?2 and enabled order by created_at, id", tenant.toString(), trigger);
    }

    private List<Rule> rules(String query, Object... parameters) {
        List<Rule> out = new ArrayList<>();
        for (Object row : sql(query, parameters).getResultList()) {
            Object[] c = (Object[]) row;
            out.add(new Rule(new RuleId(UUID.fromString((String) c[0])), (String) c[1], (String) c[2],
                    RuleJson.conditions((String) c[3]), RuleJson.action((String) c[4]), (Boolean) c[5],
                    (String) c[6], c[7] == null ? null : UUID.fromString((String) c[7]), Instant.parse((String) c[8]),
                    Instant.parse((String) c[9])));
        }
        return out;
    }

    /** Claims the one firing of {@code rule} for {@code event} (AUTO-11); false when it fired already. */
    public boolean claimFiring(TenantId tenant, RuleId rule, UUID event, Instant now) {
        return sql("insert into automation_firings (tenant_id, rule_id, event_id, fired_at) values (cast(?1 as uuid),"
                        + " cast(?2 as uuid), cast(?3 as uuid), cast(?4 as timestamptz)) on conflict do nothing",
                tenant.toString(), rule.toString(), event.toString(), at(now)).executeUpdate() == 1;
    }

    /**
     * Records this occurrence for the count of {@code rule} and {@code subject} (idempotent per event) and answers how
     * many occurrences fall within {@code window} up to {@code at} (AUTO-14). Old occurrences are dropped on the way.
     */
    public long countWithin(TenantId tenant, RuleId rule, String subject, UUID event, Instant at,
                            java.time.Duration window) {
        sql("insert into automation_counts (tenant_id, rule_id, subject, event_id, at) values (cast(?1 as uuid),"
                        + " cast(?2 as uuid), ?3, cast(?4 as uuid), cast(?5 as timestamptz)) on conflict do nothing",
                tenant.toString(), rule.toString(), key(tenant, subject), event.toString(), at(at)).executeUpdate();
        sql("delete from automation_counts where tenant_id = cast(?1 as uuid) and rule_id = cast(?2 as uuid)"
                        + " and subject = ?3 and at <= cast(?4 as timestamptz)",
                tenant.toString(), rule.toString(), key(tenant, subject), at(at.minus(window))).executeUpdate();
        return ((Number) sql("select count(*) from automation_counts where tenant_id = cast(?1 as uuid)"
                        + " and rule_id = cast(?2 as uuid) and subject = ?3 and at > cast(?4 as timestamptz)"
                        + " and at <= cast(?5 as timestamptz)",
                tenant.toString(), rule.toString(), key(tenant, subject), at(at.minus(window)), at(at))
                .getSingleResult())
                .longValue();
    }

    /**
     * Takes the mail slot of {@code rule} for {@code subject} when its last mail is older than {@code window}
     * (AUTO-16); false when a mail went within the window. The row lock serialises concurrent events.
     */
    public boolean claimDebounce(TenantId tenant, RuleId rule, String subject, Instant now, java.time.Duration window) {
        return sql("insert into automation_debounce as d (tenant_id, rule_id, subject, sent_at) values"
                        + " (cast(?1 as uuid), cast(?2 as uuid), ?3, cast(?4 as timestamptz))"
                        + " on conflict (rule_id, subject) do update set sent_at = excluded.sent_at"
                        + " where d.sent_at <= cast(?5 as timestamptz)",
                tenant.toString(), rule.toString(), key(tenant, subject), at(now), at(now.minus(window)))
                .executeUpdate() == 1;
    }

    public void subscribe(TenantId tenant, UUID user, boolean enabled, Instant now) {
        sql("insert into automation_digest_subscriptions (tenant_id, user_id, enabled, updated_at) values"
                        + " (cast(?1 as uuid), cast(?2 as uuid), ?3, cast(?4 as timestamptz)) on conflict (tenant_id,"
                        + " user_id) do update set enabled = excluded.enabled, updated_at = excluded.updated_at",
                tenant.toString(), user.toString(), enabled, at(now)).executeUpdate();
    }

    public boolean subscribed(TenantId tenant, UUID user) {
        return !sql("select 1 from automation_digest_subscriptions where tenant_id = cast(?1 as uuid)"
                + " and user_id = cast(?2 as uuid) and enabled", tenant.toString(), user.toString())
                .getResultList().isEmpty();
    }

    /** The opted-in users of the tenant who have no digest of {@code day} yet. */
    public List<UUID> digestsDue(TenantId tenant, LocalDate day) {
        List<UUID> out = new ArrayList<>();
        for (Object id : sql("select cast(s.user_id as text) from automation_digest_subscriptions s"
                        + " where s.tenant_id = cast(?1 as uuid) and s.enabled and not exists (select 1 from"
                        + " automation_digests_sent d where d.tenant_id = s.tenant_id and d.user_id = s.user_id"
                        + " and d.day = cast(?2 as date))", tenant.toString(), day.toString()).getResultList()) {
            out.add(UUID.fromString((String) id));
        }
        return out;
    }

    /** Claims the digest of {@code user} for {@code day} across instances (AUTO-20); false when one was claimed. */
    public boolean claimDigest(TenantId tenant, UUID user, LocalDate day, Instant now) {
        return sql("insert into automation_digests_sent (tenant_id, user_id, day, sent_at) values (cast(?1 as uuid),"
                        + " cast(?2 as uuid), cast(?3 as date), cast(?4 as timestamptz)) on conflict do nothing",
                tenant.toString(), user.toString(), day.toString(), at(now)).executeUpdate() == 1;
    }

    /** Per link of {@code links}: views (opens), unique visitors, downloads since {@code since} (activity store). */
    public List<long[]> linkCounts(TenantId tenant, List<UUID> links, Instant since, Instant until) {
        List<long[]> out = new ArrayList<>();
        for (UUID link : links) {
            Object[] r = (Object[]) sql("select count(*) filter (where type = 'link.opened'),"
                            + " count(distinct coalesce(actor_email, cast(session_id as text)))"
                            + " filter (where session_id is not null or actor_email is not null),"
                            + " count(*) filter (where type = 'document.downloaded')"
                            + " from activity_events where tenant_id = cast(?1 as uuid) and link_id = cast(?2 as uuid)"
                            + " and at > cast(?3 as timestamptz) and at <= cast(?4 as timestamptz)",
                    tenant.toString(), link.toString(), at(since), at(until)).getSingleResult();
            out.add(new long[]{((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue()});
        }
        return out;
    }
}
