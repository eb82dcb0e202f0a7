/**
 * File requests (issue 18; contract 1.1 "Search, file requests, Q&A"; docs/features/file-requests.md): the calls of
 * the members' side (`/datarooms/{id}/file-requests`, `/file-requests/{id}`) and the outsiders' intro
 * (`/public/file-requests/{token}`) over the SPA's one client and the generated types. The upload itself is
 * `uploadToFileRequest` in src/api/upload.ts (XMLHttpRequest, for its progress).
 */
import { api, unwrap, type Schemas } from '../../api/client';

export type DocumentStatus = Schemas['FileRequestReceived']['status'];

/** What an outsider is told before uploading; `allowedTypes` empty: any type. */
export type FileRequestIntro = Schemas['FileRequestIntro'];

/** A room's file request; `url` and `token` only in the answer to its creation (shown once). */
export type FileRequest = Schemas['FileRequest'];

export type FileRequestCreate = Schemas['FileRequestRequest'] & { folderId: string | null; name: string };

/** `POST /datarooms/{id}/file-requests` → 201: the address is in `url` (`<public url>/r/<token>`), this once. */
export type CreatedFileRequest = FileRequest;

export const fileRequestKeys = {
  room: (roomId: string) => ['rooms', roomId, 'file-requests'] as const,
  intro: (token: string) => ['file-requests', 'public', token] as const,
};

export function listFileRequests(roomId: string): Promise<Schemas['FileRequestPage']> {
  return unwrap(api.GET('/api/v1/datarooms/{id}/file-requests', { params: { path: { id: roomId } } }));
}

export function createFileRequest(roomId: string, body: FileRequestCreate): Promise<CreatedFileRequest> {
  return unwrap(api.POST('/api/v1/datarooms/{id}/file-requests', { params: { path: { id: roomId } }, body }));
}

export async function deleteFileRequest(id: string): Promise<void> {
  await unwrap(api.DELETE('/api/v1/file-requests/{id}', { params: { path: { id } } }));
}

export function fileRequestIntro(token: string): Promise<FileRequestIntro> {
  return unwrap(api.GET('/api/v1/public/file-requests/{token}', { params: { path: { token } } }));
}
