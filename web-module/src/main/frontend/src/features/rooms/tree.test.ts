import { describe, expect, it } from 'vitest';
import { canMove, documentCount, findNode, folders, moveTargets, parentOf, pathOf, type TreeNode } from './tree';

const node = (id: string, kind: TreeNode['kind'], name: string, index: string, children?: TreeNode[]): TreeNode => ({
  id, kind, name, index, myPermission: 'MANAGE', ...(children ? { children } : {}),
});

const ROOT = node('room', 'DATAROOM', 'Deal', '', [
  node('fin', 'FOLDER', 'Finance', '1', [
    node('y26', 'FOLDER', '2026', '1.1', [node('q1', 'FOLDER', 'Q1', '1.1.1', [node('d1', 'DOCUMENT', 'a.pdf', '1.1.1.1')])]),
  ]),
  node('legal', 'FOLDER', 'Legal', '2', []),
  node('d2', 'DOCUMENT', 'top.pdf', '3'),
]);

describe('room tree', () => {
  it('finds a node with its ancestors from the room down', () => {
    expect(findNode(ROOT, 'q1')!.ancestors.map((n) => n.id)).toEqual(['room', 'fin', 'y26']);
    expect(findNode(ROOT, 'nope')).toBeNull();
  });

  it('lists folders in tree order with depth and path', () => {
    expect(folders(ROOT).map((f) => [f.node.index, f.depth, f.path])).toEqual([
      ['1', 1, 'Finance'],
      ['1.1', 2, 'Finance/2026'],
      ['1.1.1', 3, 'Finance/2026/Q1'],
      ['2', 1, 'Legal'],
    ]);
  });

  it('gives the path of names of a folder, "" for the room', () => {
    expect(pathOf(ROOT, 'q1')).toBe('Finance/2026/Q1');
    expect(pathOf(ROOT, null)).toBe('');
  });

  it('never offers to move a folder into itself or below it, nor where it already is', () => {
    expect(moveTargets(ROOT, 'y26')).toEqual([null, 'legal']);
    expect(moveTargets(ROOT, 'fin')).toEqual(['legal']);
    expect(moveTargets(ROOT, 'd2')).toEqual(['fin', 'y26', 'q1', 'legal']);
    expect(moveTargets(ROOT, 'd1')).toEqual([null, 'fin', 'y26', 'legal']);
    expect(canMove(ROOT, 'fin', 'q1')).toBe(false);
    expect(canMove(ROOT, 'd1', 'legal')).toBe(true);
  });

  it('knows parents and counts documents', () => {
    expect(parentOf(ROOT, 'd1')).toBe('q1');
    expect(parentOf(ROOT, 'fin')).toBeNull();
    expect(documentCount(ROOT)).toBe(2);
  });
});
