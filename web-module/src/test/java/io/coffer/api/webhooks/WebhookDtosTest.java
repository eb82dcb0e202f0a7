package io.coffer.api.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coffer.webhooks.Webhooks;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

class WebhookDtosTest {

    @Test
    void wh3_theDescribedEventTypesAreTheOnesAWebhookMaySubscribeTo() {
        Schema schema = WebhookDtos.EventType.class.getAnnotation(Schema.class);
        assertEquals(Webhooks.EVENT_TYPES, Set.of(schema.enumeration()));
    }
}
