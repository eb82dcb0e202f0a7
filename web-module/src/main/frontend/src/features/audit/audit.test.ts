import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { downloadFile, filenameFrom } from '../../api/download';
import { auditFiltersFromSearch, auditFiltersToQuery, auditFiltersToSearch, exportFileName } from './filters';

const ANN = '0190A000-0000-7000-8000-00000000000A';

describe('audit filters ↔ URL ↔ query', () => {
  it('round-trips from, to, actor and action, and drops what cannot be a filter', () => {
    const search = new URLSearchParams(`from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&actor=${ANN}&action=access.denied`);
    const filters = auditFiltersFromSearch(search);
    expect(filters).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-02T00:00:00.000Z',
      actor: ANN.toLowerCase(),
      action: 'access.denied',
    });
    expect(auditFiltersFromSearch(auditFiltersToSearch(filters))).toEqual(filters);
    expect(auditFiltersToQuery(filters)).toEqual(filters);
    expect(auditFiltersFromSearch(new URLSearchParams('actor=bob@example.com&action=<x>&from=soon'))).toEqual({});
    expect(exportFileName(new Date('2026-12-02T23:59:00Z'))).toBe('coffer-audit-2026-12-02.csv');
  });
});

describe('native download through the API client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the file name from Content-Disposition, safely', () => {
    expect(filenameFrom('attachment; filename="audit.csv"', 'x.csv')).toBe('audit.csv');
    expect(filenameFrom("attachment; filename*=UTF-8''pr%C3%BCfung.csv; filename=\"p.csv\"", 'x.csv')).toBe('prüfung.csv');
    expect(filenameFrom('attachment; filename="../../etc/passwd"', 'x.csv')).toBe('.._.._etc_passwd');
    expect(filenameFrom(null, 'x.csv')).toBe('x.csv');
  });

  it('hands the blob to an <a download> and revokes the object URL; a problem becomes an ApiError', async () => {
    const created: Blob[] = [];
    const clicked: string[] = [];
    vi.stubGlobal('URL', Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        created.push(blob);
        return 'blob:coffer/1';
      },
      revokeObjectURL: vi.fn(),
    }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.download} ${this.href}`);
    });
    const blob = new Blob(['"id","at"\r\n'], { type: 'text/csv' });
    const name = await downloadFile(
      Promise.resolve({ data: blob, response: new Response(null, { status: 200 }) }),
      'coffer-audit-2026-12-02.csv',
    );
    expect(name).toBe('coffer-audit-2026-12-02.csv');
    expect(created).toEqual([blob]);
    expect(clicked).toEqual(['coffer-audit-2026-12-02.csv blob:coffer/1']);
    expect(document.querySelector('a[download]')).toBeNull();
    // The server names the file "audit.csv": its name wins by default, the page's dated name when asked to.
    const named = () => Promise.resolve({
      data: blob, response: new Response(null, { status: 200, headers: { 'Content-Disposition': 'attachment; filename="audit.csv"' } }),
    });
    expect(await downloadFile(named(), 'coffer-audit-2026-12-02.csv')).toBe('audit.csv');
    expect(await downloadFile(named(), 'coffer-audit-2026-12-02.csv', { ownName: true })).toBe('coffer-audit-2026-12-02.csv');
    expect(clicked.at(-1)).toBe('coffer-audit-2026-12-02.csv blob:coffer/1');
    await expect(
      downloadFile(
        Promise.resolve({
          error: { type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: 'd' },
          response: new Response(null, { status: 403 }),
        }),
        'x.csv',
      ),
    ).rejects.toBeInstanceOf(ApiError);
    click.mockRestore();
  });
});
