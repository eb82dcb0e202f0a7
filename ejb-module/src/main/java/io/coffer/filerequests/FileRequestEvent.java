package io.coffer.filerequests;

import io.coffer.shared.CofferEvent;

/** The events of file requests ({@link FileRequestEvents}): publishers inject {@code Event<FileRequestEvent>}. */
public sealed interface FileRequestEvent extends CofferEvent permits FileRequestEvents.Uploaded {
}
