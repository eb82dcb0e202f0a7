package io.coffer.documents.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One version of a document (tenant table {@code document_versions}). */
@Entity
@Table(name = "document_versions")
public class DocumentVersionEntity extends TenantOwned {
    @Id
    private UUID id;

    @Column(name = "document_id", nullable = false)
    private UUID documentId;

    @Column(nullable = false)
    private int version;

    @Column(name = "blob_id", nullable = false)
    private String blobId;

    @Column(nullable = false)
    private String sha256;

    @Column(nullable = false)
    private long size;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(name = "page_count")
    private Integer pageCount;

    @Column(name = "created_by", nullable = false)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The PDF an office file was converted to (its pages are rendered from it), or null. */
    @Column(name = "rendition_blob_id")
    private String renditionBlobId;

    @Column(name = "rendition_size")
    private Long renditionSize;

    /** SCANNING, READY or QUARANTINED ({@link io.coffer.documents.ScanStatus}); READY unless a scanner must decide. */
    @Column(name = "scan_status", nullable = false)
    private String scanStatus = "READY";

    /** What the scanner found (a signature's name) in a quarantined version. */
    @Column(name = "scan_finding")
    private String scanFinding;

    @Column(name = "scanned_at")
    private Instant scannedAt;

    protected DocumentVersionEntity() {
    }

    public DocumentVersionEntity(UUID documentId, int version, String blobId, String sha256, long size,
                                 String contentType, Integer pageCount, UUID createdBy, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.documentId = documentId;
        this.version = version;
        this.blobId = blobId;
        this.sha256 = sha256;
        this.size = size;
        this.contentType = contentType;
        this.pageCount = pageCount;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public UUID documentId() {
        return documentId;
    }

    public int version() {
        return version;
    }

    public String blobId() {
        return blobId;
    }

    public String sha256() {
        return sha256;
    }

    public long size() {
        return size;
    }

    public String contentType() {
        return contentType;
    }

    public Integer pageCount() {
        return pageCount;
    }

    public UUID id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public DocumentVersionEntity withRendition(String blobId, long size) {
        this.renditionBlobId = blobId;
        this.renditionSize = size;
        return this;
    }

    /** The blob page images are rendered from: the PDF an office file was converted to, else the version's own. */
    public String pagesBlobId() {
        return renditionBlobId != null ? renditionBlobId : blobId;
    }

    /** The size of {@link #pagesBlobId()}. */
    public long pagesBlobSize() {
        return renditionBlobId != null ? renditionSize : size;
    }

    public String renditionBlobId() {
        return renditionBlobId;
    }

    public Long renditionSize() {
        return renditionSize;
    }

    public io.coffer.documents.ScanStatus scanStatus() {
        return io.coffer.documents.ScanStatus.valueOf(scanStatus);
    }

    public String scanFinding() {
        return scanFinding;
    }

    /** A version stored before a scanner answered: nothing of it is served until it is READY (FR-9). */
    public DocumentVersionEntity awaitingScan() {
        this.scanStatus = io.coffer.documents.ScanStatus.SCANNING.name();
        return this;
    }

    /** The scanner's verdict. */
    public void scanned(boolean clean, String finding, Instant at) {
        this.scanStatus = (clean ? io.coffer.documents.ScanStatus.READY : io.coffer.documents.ScanStatus.QUARANTINED)
                .name();
        this.scanFinding = clean ? null : finding;
        this.scannedAt = at;
    }
}
