/**
 * One upload queue per room for the whole session (uploads go on while the user opens a document and comes back),
 * over the real transport: `api/upload.ts`'s resumable (tus) upload for the bytes, `POST /datarooms/{id}/paths` for
 * the folders.
 */
import { useSyncExternalStore } from 'react';
import { api, unwrap } from '../../api/client';
import { resumableUpload } from '../../api/upload';
import { UploadQueue, type Snapshot, type Transport } from './uploadQueue';

/** Parallel uploads per room: enough to fill the line with small files, few enough for 2-core servers. */
export const PARALLEL_UPLOADS = 3;

const queues = new Map<string, UploadQueue>();

export function transportFor(roomId: string): Transport {
  return {
    async send(job, onProgress, signal) {
      const doc = await resumableUpload({ roomId, folderId: job.folderId, name: job.name }, job.file, {
        onProgress: (loaded) => onProgress(loaded),
        signal,
      });
      return { documentId: doc.id };
    },
    async ensureFolders(paths) {
      const answer = await unwrap(api.POST('/api/v1/datarooms/{id}/paths', { params: { path: { id: roomId } }, body: paths }));
      return new Map(answer.map((entry) => [entry.path, entry.folderId]));
    },
  };
}

export function queueFor(roomId: string): UploadQueue {
  let queue = queues.get(roomId);
  if (!queue) {
    queue = new UploadQueue(transportFor(roomId), { concurrency: PARALLEL_UPLOADS });
    queues.set(roomId, queue);
  }
  return queue;
}

export function useUploads(queue: UploadQueue): Snapshot {
  return useSyncExternalStore(
    (listener) => queue.subscribe(listener),
    queue.snapshot,
    queue.snapshot,
  );
}
