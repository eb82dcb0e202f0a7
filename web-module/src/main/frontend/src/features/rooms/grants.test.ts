import { describe, expect, it } from 'vitest';
import {
  addable, canManage, grantsAbove, grantsAt, removeGrant, sameGrants, setGrant, toRequest, type Grant,
} from './grants';

const ann = { type: 'USER' as const, id: 'u-ann' };
const bob = { type: 'USER' as const, id: 'u-bob' };
const finance = { type: 'GROUP' as const, id: 'g-fin' };
// A user and a group may share an id string; they are different principals.
const sameIdGroup = { type: 'GROUP' as const, id: 'u-ann' };

const LIST: Grant[] = [
  { principal: ann, folderId: null, permission: 'MANAGE' },
  { principal: finance, folderId: null, permission: 'VIEW' },
  { principal: finance, folderId: 'f-q1', permission: 'DOWNLOAD' },
  { principal: bob, folderId: 'f-legal', permission: 'NONE' },
];

describe('permission editor logic', () => {
  it('reads the grants of one scope; a missing folderId is the room', () => {
    expect(grantsAt(LIST, null).map((g) => g.principal.id)).toEqual(['u-ann', 'g-fin']);
    expect(grantsAt(LIST, 'f-q1')).toEqual([{ principal: finance, folderId: 'f-q1', permission: 'DOWNLOAD' }]);
    expect(grantsAt([{ principal: bob, permission: 'VIEW' }], null)).toHaveLength(1);
  });

  it('adds a grant at a scope, or changes the one there, and leaves every other scope as it was', () => {
    const added = setGrant(LIST, bob, 'f-q1', 'UPLOAD');
    expect(added).toHaveLength(5);
    expect(added.slice(0, 4)).toEqual(LIST);
    expect(added[4]).toEqual({ principal: bob, folderId: 'f-q1', permission: 'UPLOAD' });

    const changed = setGrant(LIST, finance, 'f-q1', 'NONE');
    expect(changed).toHaveLength(4);
    expect(grantsAt(changed, 'f-q1')[0]!.permission).toBe('NONE');
    // The room-level grant of the same group is untouched.
    expect(grantsAt(changed, null)[1]!.permission).toBe('VIEW');
    // The input is not changed.
    expect(LIST[2]!.permission).toBe('DOWNLOAD');
  });

  it('tells a user from a group with the same id', () => {
    const next = setGrant(LIST, sameIdGroup, null, 'VIEW');
    expect(grantsAt(next, null)).toHaveLength(3);
    expect(grantsAt(removeGrant(next, ann, null), null).map((g) => `${g.principal.type}:${g.principal.id}`)).toEqual([
      'GROUP:g-fin',
      'GROUP:u-ann',
    ]);
  });

  it('removes one principal at one scope only', () => {
    const next = removeGrant(LIST, finance, null);
    expect(next).toHaveLength(3);
    expect(grantsAt(next, 'f-q1')).toHaveLength(1);
    expect(removeGrant(LIST, bob, null)).toEqual(LIST);
  });

  it('builds the PUT body: explicit folderId (null for the room), one grant per principal and scope, the last wins', () => {
    const body = toRequest([
      { principal: bob, permission: 'VIEW' },
      { principal: bob, folderId: null, permission: 'DOWNLOAD' },
      { principal: bob, folderId: 'f-q1', permission: 'NONE' },
    ]);
    expect(body).toEqual([
      { principal: bob, folderId: null, permission: 'DOWNLOAD' },
      { principal: bob, folderId: 'f-q1', permission: 'NONE' },
    ]);
  });

  it('knows whether the draft differs from what the server has, whatever the order', () => {
    expect(sameGrants(LIST, [...LIST].reverse())).toBe(true);
    expect(sameGrants(LIST, setGrant(LIST, bob, 'f-legal', 'VIEW'))).toBe(false);
    expect(sameGrants(LIST, setGrant(LIST, bob, 'f-legal', 'NONE'))).toBe(true);
  });

  it('lists the grants above a scope nearest first, skipping folders without any, without combining them', () => {
    expect(grantsAbove(LIST, ['f-2026', 'f-q1', null])).toEqual([
      { folderId: 'f-q1', grants: [LIST[2]] },
      { folderId: null, grants: [LIST[0], LIST[1]] },
    ]);
  });

  it('offers only principals without a grant at the scope', () => {
    expect(addable(LIST, null, [ann, bob, finance, sameIdGroup])).toEqual([bob, sameIdGroup]);
    expect(addable(LIST, 'f-legal', [ann, bob])).toEqual([ann]);
  });

  it('only MANAGE edits grants', () => {
    expect(canManage('MANAGE')).toBe(true);
    expect(canManage('UPLOAD')).toBe(false);
    expect(canManage(undefined)).toBe(false);
  });
});
