/**
 * Reading the room tree of `GET /datarooms/{id}/tree` (the room as root node; folders and documents numbered by
 * the server: 1, 1.1, 1.1.1): lookups, the path of a folder, and where an item may be moved.
 */
import type { Schemas } from '../../api/client';

export type TreeNode = Schemas['TreeNode'];

export interface Located {
  node: TreeNode;
  /** From the root (the room) down to the node's parent. */
  ancestors: TreeNode[];
}

export function findNode(root: TreeNode, id: string): Located | null {
  const walk = (node: TreeNode, ancestors: TreeNode[]): Located | null => {
    if (node.id === id) return { node, ancestors };
    for (const child of node.children ?? []) {
      const found = walk(child, [...ancestors, node]);
      if (found) return found;
    }
    return null;
  };
  return walk(root, []);
}

/** The folders of the tree in tree order, each with its depth (1 for the top) and its path of names. */
export function folders(root: TreeNode): { node: TreeNode; depth: number; path: string }[] {
  const out: { node: TreeNode; depth: number; path: string }[] = [];
  const walk = (node: TreeNode, depth: number, path: string) => {
    for (const child of node.children ?? []) {
      if (child.kind !== 'FOLDER') continue;
      const childPath = path ? `${path}/${child.name}` : child.name;
      out.push({ node: child, depth, path: childPath });
      walk(child, depth + 1, childPath);
    }
  };
  walk(root, 1, '');
  return out;
}

/** The names from the room's top down to a folder ("" for the room). */
export function pathOf(root: TreeNode, folderId: string | null): string {
  if (!folderId) return '';
  const found = findNode(root, folderId);
  if (!found) return '';
  return [...found.ancestors.slice(1), found.node].map((node) => node.name).join('/');
}

function contains(node: TreeNode, id: string): boolean {
  return node.id === id || (node.children ?? []).some((child) => contains(child, id));
}

/**
 * Where `item` may go: the room's top (null) and every folder that is neither the item nor below it (the server
 * answers 409 for those too), except where it already is.
 */
export function moveTargets(root: TreeNode, itemId: string): (string | null)[] {
  const found = findNode(root, itemId);
  if (!found) return [];
  const parent = found.ancestors.at(-1);
  const currentParent = parent && parent.kind === 'FOLDER' ? parent.id : null;
  const targets: (string | null)[] = [];
  if (currentParent !== null) targets.push(null);
  for (const { node } of folders(root)) {
    if (contains(found.node, node.id) || node.id === currentParent) continue;
    targets.push(node.id);
  }
  return targets;
}

export function canMove(root: TreeNode, itemId: string, targetFolderId: string | null): boolean {
  return moveTargets(root, itemId).includes(targetFolderId);
}

/** The parent folder id of an item (null at the top). */
export function parentOf(root: TreeNode, itemId: string): string | null {
  const parent = findNode(root, itemId)?.ancestors.at(-1);
  return parent && parent.kind === 'FOLDER' ? parent.id : null;
}

/** The number of documents in the tree. */
export function documentCount(node: TreeNode): number {
  return (node.kind === 'DOCUMENT' ? 1 : 0) + (node.children ?? []).reduce((sum, child) => sum + documentCount(child), 0);
}

/** A document's virus-check state (file requests): uploads from outside arrive `SCANNING`, then `READY` or `QUARANTINED`. */
export type DocumentStatus = 'SCANNING' | 'READY' | 'QUARANTINED';

/** The status the room listing gives a document (none: `READY`, as for every document uploaded by a member). */
export function statusOf(node: object): DocumentStatus {
  const status = (node as { status?: unknown }).status;
  return status === 'SCANNING' || status === 'QUARANTINED' ? status : 'READY';
}
