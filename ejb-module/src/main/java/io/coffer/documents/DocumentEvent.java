package io.coffer.documents;

import io.coffer.shared.CofferEvent;

/** The events of documents ({@link DocumentEvents}): publishers inject {@code Event<DocumentEvent>}. */
public sealed interface DocumentEvent extends CofferEvent permits DocumentEvents.Uploaded,
        DocumentEvents.VersionAdded, DocumentEvents.Downloaded, DocumentEvents.Purged, DocumentEvents.Deleted,
        DocumentEvents.Quarantined {
}
