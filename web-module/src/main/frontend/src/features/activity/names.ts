/**
 * The names an activity sentence needs, looked up through the API as far as the caller may: members and API keys
 * (ADMIN+ only; a MEMBER sees "a member"), data rooms and links (what the caller sees), and each document of the
 * shown events (one cached `GET /documents/{id}` per distinct id; a deleted or hidden one stays "a document").
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '../../api/client';
import { hasRole, type Role } from '../../app/areas';
import type { ActivityItem, NameLookup } from './sentence';

const LONG = 5 * 60_000;

export function useRooms() {
  return useQuery({
    queryKey: ['datarooms', 'names'],
    queryFn: () => unwrap(api.GET('/api/v1/datarooms')),
    staleTime: LONG,
  });
}

export function useLinks() {
  return useQuery({
    queryKey: ['share-links', 'names'],
    queryFn: () => unwrap(api.GET('/api/v1/share-links', { params: { query: { limit: 200 } } })),
    staleTime: LONG,
  });
}

export function useNames(items: ActivityItem[], role: Role): NameLookup {
  const admin = hasRole(role, 'ADMIN');
  const members = useQuery({
    queryKey: ['members', 'names'],
    queryFn: () => unwrap(api.GET('/api/v1/members')),
    enabled: admin,
    staleTime: LONG,
  });
  const keys = useQuery({
    queryKey: ['api-keys', 'names'],
    queryFn: () => unwrap(api.GET('/api/v1/api-keys')),
    enabled: admin,
    staleTime: LONG,
  });
  const rooms = useRooms();
  const links = useLinks();
  const documentIds = useMemo(
    () => [...new Set(items.map((item) => item.documentId).filter((id): id is string => !!id))].slice(0, 100),
    [items],
  );
  const documents = useQueries({
    queries: documentIds.map((id) => ({
      queryKey: ['documents', id, 'name'],
      queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id } } })),
      staleTime: LONG,
    })),
  });

  const documentNames = new Map<string, string>();
  documents.forEach((query, i) => {
    const id = documentIds[i];
    if (id && query.data) documentNames.set(id, query.data.name);
  });
  const documentKey = [...documentNames.entries()].map(([id, name]) => `${id}=${name}`).join('|');

  return useMemo<NameLookup>(() => {
    const userNames = new Map((members.data?.items ?? []).map((m) => [m.userId, m.displayName]));
    const keyNames = new Map((keys.data?.items ?? []).map((k) => [k.id, k.name]));
    const roomNames = new Map((rooms.data?.items ?? []).map((r) => [r.id, r.name]));
    const linkNames = new Map((links.data?.items ?? []).map((l) => [l.id, l.name ?? null]));
    return {
      user: (id) => userNames.get(id),
      apiKey: (id) => keyNames.get(id),
      room: (id) => roomNames.get(id),
      link: (id) => linkNames.get(id),
      document: (id) => documentNames.get(id),
    };
    // documentKey stands for documentNames' content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [members.data, keys.data, rooms.data, links.data, documentKey]);
}
