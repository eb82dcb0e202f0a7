/**
 * Files from a drop or a picker, with the folders they came in: a dropped folder is read through the File and
 * Directory Entries API (`webkitGetAsEntry`), a folder picked with `<input webkitdirectory>` through each file's
 * `webkitRelativePath`. The result is the upload queue's `Entry` (name and `/`-separated dir).
 */
import type { Entry } from './uploadQueue';

/** Files of an `<input type="file">` (with or without `webkitdirectory`). */
export function entriesFromInput(list: FileList | readonly File[] | null): Entry[] {
  return [...(list ?? [])].map((file) => {
    const relative = file.webkitRelativePath || '';
    const cut = relative.lastIndexOf('/');
    return { file, name: file.name, dir: cut > 0 ? relative.substring(0, cut) : '' };
  });
}

/** True when the drag carries files from outside the page (not one of the tree's own items). */
export function carriesFiles(dataTransfer: DataTransfer | null): boolean {
  return !!dataTransfer && [...dataTransfer.types].includes('Files');
}

/**
 * Reads a drop. The entries must be taken synchronously in the drop handler (the browser empties the
 * DataTransfer afterwards); the folders are walked afterwards.
 */
export function entriesFromDrop(dataTransfer: DataTransfer): Promise<Entry[]> {
  const roots: FileSystemEntry[] = [];
  const plain: File[] = [];
  for (const item of [...dataTransfer.items]) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) roots.push(entry);
    else {
      const file = item.getAsFile();
      if (file) plain.push(file);
    }
  }
  if (roots.length === 0 && plain.length === 0) {
    plain.push(...dataTransfer.files);
  }
  return (async () => {
    const out: Entry[] = plain.map((file) => ({ file, name: file.name, dir: '' }));
    for (const root of roots) await walk(root, '', out);
    return out;
  })();
}

async function walk(entry: FileSystemEntry, dir: string, out: Entry[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, name: file.name, dir });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const below = dir ? `${dir}/${entry.name}` : entry.name;
  // readEntries answers in batches (100 in Chromium) until it answers an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, below, out);
  }
}
