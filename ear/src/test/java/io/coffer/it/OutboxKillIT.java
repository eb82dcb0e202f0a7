package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * OUT-5..7, OUT-11 for real: the server is killed with SIGKILL while it holds outbox work (webhook deliveries to a
 * receiver that answers slowly), then started again. Every enqueued delivery arrives; what the dead instance had
 * claimed is taken over by the new one once its lease (10 s in the IT server) ran out; the only second arrivals are
 * the requests that were in flight at the kill (the at-least-once edge, recognisable by their delivery id).
 */
@Tag("kills-server") // runs after every other IT (ear/pom.xml): the restarted server is new to Arquillian
class OutboxKillIT {

    static final int EVENTS = 16;

    @Test
    void out1_out2_out4_out5_out6_out11_aServerKilledWhileHoldingOutboxWorkLosesNothingAndItsLeasesAreTakenOver()
            throws Exception {
        WebhooksIT.Admin a = WebhooksIT.admin("ADMIN");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.delayMillis = 700;
            WebhooksIT.create(a, receiver.url(), "[\"dataroom.created\"]");
            for (int i = 0; i < EVENTS; i++) {
                DataRoomsIT.createRoom(a.token(), "Room " + i);
            }
            Set<String> enqueued = new HashSet<>(ItDatabase.texts(a.tenant(),
                    "select id::text from webhook_deliveries"));
            assertEquals(EVENTS, enqueued.size(), "one delivery per event");
            WebhooksIT.await(() -> receiver.received.size() >= 2, Duration.ofSeconds(20), "work under way");
            // what the instance holds right now: claimed, leased, not done
            List<String> held = ItDatabase.texts(a.tenant(), "select id::text from outbox where tenant_id = ?"
                    + " and kind = 'webhook' and state = 'PENDING' and claimed_by is not null"
                    + " and lease_until > clock_timestamp()", a.tenant());
            List<String> oldOwner = ItDatabase.texts(a.tenant(), "select distinct claimed_by from outbox where"
                    + " tenant_id = ? and kind = 'webhook' and claimed_by is not null", a.tenant());
            assertEquals(0, ItDatabase.number(a.tenant(), "select count(*) from outbox o join webhook_deliveries d"
                    + " on o.payload is not null and position(convert_to(d.id::text, 'UTF8') in o.payload) > 0"),
                    "OUT-2: pending payloads are sealed (the delivery id they carry is not readable)");
            assertTrue(ItDatabase.number(a.tenant(), "select count(*) from outbox where tenant_id = ? and"
                    + " state = 'PENDING' and payload is not null", a.tenant()) > 0, "some work still pending");
            KillDuringUploadIT.killServer();
            int arrivedBeforeKill = receiver.received.size();
            assertFalse(held.isEmpty(), "the server held outbox work when it was killed");
            assertTrue(arrivedBeforeKill < EVENTS, "work was left when it was killed: " + arrivedBeforeKill);
            assertEquals(1, oldOwner.size(), oldOwner.toString());

            receiver.delayMillis = 0;
            KillDuringUploadIT.startServer();
            WebhooksIT.await(() -> ItDatabase.number(a.tenant(), "select count(*) from webhook_deliveries"
                    + " where status = 'DELIVERED'") == EVENTS, Duration.ofSeconds(90),
                    "OUT-5: every delivery was made after the restart");
            Map<String, Long> arrivals = receiver.received.stream()
                    .collect(Collectors.groupingBy(WebhookReceiver.Received::delivery, Collectors.counting()));
            assertEquals(enqueued, arrivals.keySet(), "nothing lost, nothing unknown");
            long duplicates = arrivals.values().stream().mapToLong(n -> n - 1).sum();
            assertTrue(duplicates <= held.size(), "OUT-4, OUT-11: second arrivals only for work in flight at the kill ("
                    + held.size() + " held): " + duplicates);
            for (String id : held) {
                assertEquals(0, ItDatabase.number(a.tenant(), "select count(*) from outbox where id = cast(? as uuid)"
                        + " and (state <> 'DONE' or claimed_by = ?)", id, oldOwner.get(0)),
                        "OUT-6: the held work " + id + " was taken over by the new instance and done");
            }
            assertEquals(0, ItDatabase.number(a.tenant(), "select count(*) from outbox where tenant_id = ?"
                    + " and state = 'DONE' and payload is not null", a.tenant()), "OUT-9: done work keeps no payload");
            System.out.println("OutboxKillIT: " + held.size() + " held at the kill, " + arrivedBeforeKill
                    + " arrived before it, " + duplicates + " second arrivals after the restart");
        }
    }
}
