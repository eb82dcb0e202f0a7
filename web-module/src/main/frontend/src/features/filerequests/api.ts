/**
 * File requests (issue 18; contract 1.1 "Search, file requests, Q&A"): the shapes and calls of the members' side
 * (`/datarooms/{id}/file-requests`, `/file-requests/{id}`) and the outsiders' intro (`/public/file-requests/{token}`).
 *
 * Written by hand while the OpenAPI snapshot does not describe these endpoints yet: `FileRequestPaths` has the shape
 * openapi-typescript generates, so the calls below go through the SPA's one client with its middleware (refresh on
 * 401) and switching to the generated `paths` is a change of this file only. The upload itself is
 * `uploadToFileRequest` in src/api/upload.ts (XMLHttpRequest for its progress).
 */
import type { Client } from 'openapi-fetch';
import { api, unwrap, type Problem } from '../../api/client';

export type DocumentStatus = 'SCANNING' | 'READY' | 'QUARANTINED';

/** `GET /public/file-requests/{token}`: what an outsider is told before uploading. */
export interface FileRequestIntro {
  name: string;
  expiresAt?: string | null;
  /** The largest file taken (the request's limit, else the server's upload limit). */
  maxFileBytes?: number | null;
  /** Media types ("application/pdf"), families ("image/*") or extensions (".docx"); empty: any type. */
  allowedTypes?: string[] | null;
  requireEmail: boolean;
  hasPassword: boolean;
  maxFiles?: number | null;
  /** null when unlimited. */
  filesLeft?: number | null;
  open: boolean;
}

/** A room's file request as the members' list shows it. */
export interface FileRequest {
  id: string;
  dataroomId?: string;
  name: string;
  folderId: string | null;
  /** `<public url>/r/<token>`: only in the answer to the creation (the token is shown once), null in the list. */
  url?: string | null;
  token?: string | null;
  createdBy?: string;
  expiresAt?: string | null;
  maxFileBytes?: number | null;
  allowedTypes?: string[] | null;
  requireEmail: boolean;
  hasPassword: boolean;
  maxFiles?: number | null;
  filesCount: number;
  createdAt: string;
}

export interface FileRequestCreate {
  folderId: string | null;
  name: string;
  expiresAt?: string;
  maxFileBytes?: number;
  allowedTypes?: string[];
  requireEmail?: boolean;
  password?: string;
  maxFiles?: number;
}

/** `POST /datarooms/{id}/file-requests` → 201: the address is in `url` (`<public url>/r/<token>`), this once. */
export type CreatedFileRequest = FileRequest & { token: string; url: string };

type Json<T> = { content: { 'application/json': T } };
type ProblemAnswer = { content: { 'application/problem+json': Problem } };
type PathId = { parameters: { query?: never; header?: never; path: { id: string }; cookie?: never } };

/** The endpoints above in the shape of the generated `paths`. */
export interface FileRequestPaths {
  '/api/v1/datarooms/{id}/file-requests': {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: PathId & { requestBody?: never; responses: { 200: Json<{ items: FileRequest[] }>; default: ProblemAnswer } };
    post: PathId & {
      requestBody: Json<FileRequestCreate>;
      responses: { 201: Json<CreatedFileRequest>; default: ProblemAnswer };
    };
  };
  '/api/v1/file-requests/{id}': {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    delete: PathId & { requestBody?: never; responses: { 204: { content?: never }; default: ProblemAnswer } };
  };
  '/api/v1/public/file-requests/{token}': {
    parameters: { query?: never; header?: never; path: { token: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { token: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: Json<FileRequestIntro>; default: ProblemAnswer };
    };
  };
}

const client = api as unknown as Client<FileRequestPaths>;

export const fileRequestKeys = {
  room: (roomId: string) => ['rooms', roomId, 'file-requests'] as const,
  intro: (token: string) => ['file-requests', 'public', token] as const,
};

export function listFileRequests(roomId: string): Promise<{ items: FileRequest[] }> {
  return unwrap(client.GET('/api/v1/datarooms/{id}/file-requests', { params: { path: { id: roomId } } }));
}

export function createFileRequest(roomId: string, body: FileRequestCreate): Promise<CreatedFileRequest> {
  return unwrap(client.POST('/api/v1/datarooms/{id}/file-requests', { params: { path: { id: roomId } }, body }));
}

export async function deleteFileRequest(id: string): Promise<void> {
  await unwrap(client.DELETE('/api/v1/file-requests/{id}', { params: { path: { id } } }));
}

export function fileRequestIntro(token: string): Promise<FileRequestIntro> {
  return unwrap(client.GET('/api/v1/public/file-requests/{token}', { params: { path: { token } } }));
}
