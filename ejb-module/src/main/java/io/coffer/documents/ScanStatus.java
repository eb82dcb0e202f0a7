package io.coffer.documents;

/**
 * A version's virus-scan verdict (docs/features/file-requests.md, FR-7..FR-10). Only {@link #READY} is ever served:
 * {@link #SCANNING} waits for a scanner that answers (fail closed), {@link #QUARANTINED} never leaves storage.
 */
public enum ScanStatus {
    SCANNING, READY, QUARANTINED
}
