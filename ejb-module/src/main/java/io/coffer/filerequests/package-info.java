/**
 * File requests (docs/features/file-requests.md, FR-1..FR-13): upload links for outsiders into one folder of a room.
 * Members with UPLOAD there make and manage them ({@link io.coffer.filerequests.FileRequests}); outsiders read the
 * request and send files by its token ({@link io.coffer.filerequests.FileRequestUploads}). Every limit — expiry,
 * count, email, password, size, type — is checked before the body is read ({@code internal.Intake},
 * {@code internal.Limits}); a file becomes a document made in the request's creator's name
 * ({@code Documents.registerOnBehalf}) and is scanned like every upload (SCANNING → READY | QUARANTINED). Sits above
 * documents and datarooms; nothing but the web layer and the events mapping uses it. Events:
 * {@link io.coffer.filerequests.FileRequestEvents}.
 */
package io.coffer.filerequests;
