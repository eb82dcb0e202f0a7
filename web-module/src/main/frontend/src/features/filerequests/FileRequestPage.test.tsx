import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, pathOf, renderApp } from '../../test/render';

const problem = (status: number, slug: string, detail = 'd') =>
  json(status, { type: `/problems/${slug}`, title: slug, status, detail });

const INTRO = {
  name: 'Signed contracts', expiresAt: '2027-01-31T17:00:00Z', maxFileBytes: 2_000_000,
  allowedTypes: ['application/pdf', '.docx'], requireEmail: true, hasPassword: true, maxFiles: 5, filesLeft: 2, open: true,
};

interface Sent { url: string; headers: Record<string, string>; body: unknown }

/** The browser's XMLHttpRequest, scripted: every upload of the page goes to `answer`. */
function fakeXhr(answer: (sent: Sent) => { status: number; body?: unknown }) {
  const sent: Sent[] = [];
  class FakeXhr {
    url = '';
    headers: Record<string, string> = {};
    status = 0;
    responseText = '';
    responseType = '';
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    open(_method: string, url: string) { this.url = url; }
    setRequestHeader(name: string, value: string) { this.headers[name] = value; }
    abort() { this.onabort?.(); }
    send(body: Blob) {
      const record = { url: this.url, headers: this.headers, body };
      sent.push(record);
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: Math.floor(body.size / 2), total: body.size });
        const { status, body: answerBody } = answer(record);
        this.status = status;
        this.responseText = answerBody === undefined ? '' : JSON.stringify(answerBody);
        this.onload?.();
      }, 5);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}

function server(intro: unknown = INTRO) {
  return (request: Request) => {
    const path = pathOf(request);
    if (path === '/api/v1/public/file-requests/tok1') return json(200, intro);
    if (path === '/api/v1/public/file-requests/gone') return problem(404, 'not-found');
    if (path === '/api/v1/public/file-requests/full') return problem(410, 'gone');
    return problem(401, 'unauthenticated');
  };
}

const pdf = (name: string, size = 1000) => new File([new Uint8Array(size)], name, { type: 'application/pdf' });

describe('the file request page /r/:token', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('shows the limits before anything is chosen', async () => {
    renderApp('/r/tok1', server());
    expect(await screen.findByRole('heading', { name: 'Signed contracts' })).toBeInTheDocument();
    const limits = screen.getByTestId('fr-limits');
    expect(limits).toHaveTextContent('Largest file2 MB');
    expect(limits).toHaveTextContent('Types of fileapplication/pdf and .docx');
    expect(limits).toHaveTextContent('Files2 more files');
    expect(limits).toHaveTextContent(/Open until.*2027/);
    expect(screen.getByLabelText(/^Your email address/)).toBeRequired();
    expect(screen.getByLabelText(/^Password/)).toBeRequired();
  });

  it('refuses too large, wrong-type and surplus files before sending; sends the rest with email and password', async () => {
    const sent = fakeXhr(() => ({ status: 201, body: { id: 'd1', name: 'x', size: 1, sha256: 'h', status: 'SCANNING' } }));
    const { requests } = renderApp('/r/tok1', server());
    const user = userEvent.setup({ delay: null, applyAccept: false });
    await screen.findByRole('heading', { name: 'Signed contracts' });

    // Nothing can be chosen before the fields are filled.
    await user.click(screen.getByRole('button', { name: 'Choose files' }));
    expect(screen.getByText('Fill in the fields above before choosing files.')).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Your email address/), 'sam@supplier.test');
    await user.type(screen.getByLabelText(/^Password/), 'hunter2');
    await user.upload(screen.getByTestId('fr-input'), [
      pdf('big.pdf', 2_000_001),
      new File(['hello'], 'notes.txt', { type: 'text/plain' }),
      pdf('one.pdf'),
      pdf('two.pdf'),
      pdf('three.pdf'),
    ]);

    const row = (name: string) => screen.getAllByTestId('fr-item').find((li) => li.dataset.name === name)!;
    expect(within(row('big.pdf')).getByTestId('fr-refusal'))
      .toHaveTextContent('“big.pdf” is too large: this request takes files of at most 2 MB.');
    expect(within(row('notes.txt')).getByTestId('fr-refusal'))
      .toHaveTextContent('“notes.txt” is not a type of file this request takes (application/pdf and .docx).');
    expect(within(row('three.pdf')).getByTestId('fr-refusal'))
      .toHaveTextContent('“three.pdf” was not sent: the request takes no more files.');
    await waitFor(() => expect(row('two.pdf')).toHaveAttribute('data-state', 'received'));
    expect(within(row('one.pdf')).getByTestId('fr-received')).toHaveTextContent('Received, being checked for viruses.');
    expect(screen.getByTestId('fr-summary')).toHaveTextContent('Received: 2. Refused: 3. Still to send: 0.');
    expect(screen.getByTestId('fr-limits')).toHaveTextContent('Files0 more files');

    // Only the two accepted files went out, one after the other, with the email in the query and the password in the header.
    expect(sent.map((s) => new URL(s.url).searchParams.get('name'))).toEqual(['one.pdf', 'two.pdf']);
    for (const s of sent) {
      const url = new URL(s.url);
      expect(url.pathname).toBe('/api/v1/public/file-requests/tok1/files');
      expect(url.searchParams.get('email')).toBe('sam@supplier.test');
      expect(s.headers['X-File-Request-Password']).toBe('hunter2');
      expect(s.headers['Content-Type']).toBe('application/pdf');
      expect(s.headers.Authorization).toBeUndefined();
    }
    // The intro was read once; no upload went through fetch.
    expect(requests.filter((r) => pathOf(r).includes('/files'))).toHaveLength(0);
  });

  it('a refusal by the server is a sentence for that file: 413, 415, 503 (retry works), a wrong password pauses the rest', async () => {
    let scannerUp = false;
    const sent = fakeXhr((s) => {
      const name = new URL(s.url).searchParams.get('name');
      if (s.headers['X-File-Request-Password'] !== 'right') return { status: 401, body: { type: '/problems/credentials-required', title: 't', status: 401, detail: 'More credentials are required: password.', requires: ['password'] } };
      if (name === 'a.pdf') return { status: 413, body: { type: '/problems/payload-too-large', title: 't', status: 413, detail: 'd' } };
      if (name === 'b.docx') return { status: 415, body: { type: '/problems/unsupported-media-type', title: 't', status: 415, detail: 'd' } };
      if (name === 'c.pdf' && !scannerUp) return { status: 503, body: { type: '/problems/unavailable', title: 't', status: 503, detail: 'd' } };
      return { status: 201, body: { id: 'd', name, size: 1, sha256: 'h', status: 'SCANNING' } };
    });
    renderApp('/r/tok1', server({ ...INTRO, requireEmail: false, filesLeft: null, maxFiles: null }));
    const user = userEvent.setup({ delay: null, applyAccept: false });
    await screen.findByRole('heading', { name: 'Signed contracts' });
    expect(screen.queryByLabelText(/^Your email address/)).not.toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Password/), 'wrong');
    await user.upload(screen.getByTestId('fr-input'), [pdf('first.pdf'), pdf('second.pdf')]);
    const row = (name: string) => screen.getAllByTestId('fr-item').find((li) => li.dataset.name === name)!;
    expect(await within(row('first.pdf')).findByTestId('fr-refusal'))
      .toHaveTextContent('“first.pdf” was not received: the password is not correct.');
    expect(screen.getByTestId('fr-paused')).toHaveTextContent('The other files wait: correct the field above, then send them.');
    expect(row('second.pdf')).toHaveAttribute('data-state', 'waiting');
    expect(sent).toHaveLength(1);

    await user.clear(screen.getByLabelText(/^Password/));
    await user.type(screen.getByLabelText(/^Password/), 'right');
    expect(sent).toHaveLength(1); // typing sends nothing
    await user.click(screen.getByRole('button', { name: 'Send the waiting files' }));
    await waitFor(() => expect(row('second.pdf')).toHaveAttribute('data-state', 'received'));
    await user.click(screen.getByRole('button', { name: 'Send first.pdf again' }));
    await waitFor(() => expect(row('first.pdf')).toHaveAttribute('data-state', 'received'));

    await user.upload(screen.getByTestId('fr-input'), [
      pdf('a.pdf'), new File(['x'], 'b.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), pdf('c.pdf'),
    ]);
    expect(await within(row('a.pdf')).findByTestId('fr-refusal'))
      .toHaveTextContent('“a.pdf” is too large: this request takes files of at most 2 MB.');
    expect(await within(row('b.docx')).findByTestId('fr-refusal'))
      .toHaveTextContent('“b.docx” is not a type of file this request takes (application/pdf and .docx).');
    expect(await within(row('c.pdf')).findByTestId('fr-refusal'))
      .toHaveTextContent('“c.pdf” was not received: the virus check is not available right now. Please try again in a few minutes.');
    expect(screen.queryByRole('button', { name: 'Send a.pdf again' })).not.toBeInTheDocument();
    scannerUp = true;
    await user.click(screen.getByRole('button', { name: 'Send c.pdf again' }));
    await waitFor(() => expect(row('c.pdf')).toHaveAttribute('data-state', 'received'));
  });

  it('a 410 during the uploads closes the page for the rest', async () => {
    fakeXhr(() => ({ status: 410, body: { type: '/problems/gone', title: 't', status: 410, detail: 'd' } }));
    renderApp('/r/tok1', server({ ...INTRO, requireEmail: false, hasPassword: false, filesLeft: null }));
    const user = userEvent.setup({ delay: null, applyAccept: false });
    await screen.findByRole('heading', { name: 'Signed contracts' });
    await user.upload(screen.getByTestId('fr-input'), [pdf('x.pdf'), pdf('y.pdf')]);
    expect(await screen.findByTestId('fr-closed')).toHaveTextContent('The request has closed in the meantime');
    const rows = screen.getAllByTestId('fr-item');
    expect(rows.map((r) => r.dataset.state)).toEqual(['refused', 'refused']);
    expect(rows[1]).toHaveTextContent('“y.pdf” was not received: the request has expired, is full or was closed.');
    expect(screen.getByRole('button', { name: 'Choose files' })).toBeDisabled();
  });

  it.each([
    ['gone', 'This request is not available'],
    ['full', 'This request is closed'],
  ])('an unknown or closed request (/r/%s) says so', async (token, title) => {
    renderApp(`/r/${token}`, server());
    expect(await screen.findByRole('heading', { name: title })).toBeInTheDocument();
  });

  it('an intro with open: false is closed too; German', async () => {
    await i18n.changeLanguage('de');
    renderApp('/r/tok1', server({ ...INTRO, open: false }));
    expect(await screen.findByRole('heading', { name: 'Diese Anfrage ist geschlossen' })).toBeInTheDocument();
  });
});
