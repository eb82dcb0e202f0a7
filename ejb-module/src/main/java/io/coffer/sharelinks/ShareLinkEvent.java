package io.coffer.sharelinks;

import io.coffer.shared.CofferEvent;

/**
 * The events of share links and their visitors ({@link ShareLinkEvents}): publishers inject
 * {@code Event<ShareLinkEvent>}.
 */
public sealed interface ShareLinkEvent extends CofferEvent permits ShareLinkEvents.Created, ShareLinkEvents.Updated,
        ShareLinkEvents.Revoked, ShareLinkEvents.Opened, ShareLinkEvents.AccessDenied, ShareLinkEvents.DocumentViewed,
        ShareLinkEvents.NdaAccepted, ShareLinkEvents.SessionStarted {
}
