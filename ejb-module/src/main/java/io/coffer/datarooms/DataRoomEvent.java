package io.coffer.datarooms;

import io.coffer.shared.CofferEvent;

/** The events of datarooms ({@link DataRoomEvents}): publishers inject {@code Event<DataRoomEvent>}. */
public sealed interface DataRoomEvent extends CofferEvent permits DataRoomEvents.DataRoomCreated,
        DataRoomEvents.FolderCreated,
        DataRoomEvents.GrantChanged, DataRoomEvents.GroupMembersChanged, DataRoomEvents.AccessDenied {
}
