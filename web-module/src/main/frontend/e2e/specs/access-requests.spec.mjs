// Access requests (issue 18, docs/features/sharelinks.md AR-1, AR-2) end to end: the owner makes a room link with an
// allow list (and "Allow search") in the dialog; a visitor with another address is refused, asks for access from the
// gate (the refused address prefilled, a message); the link's creator is mailed; the owner sees the pending count in
// the list, approves in the link's "Access requests" panel and the editor's allow list shows the address; the visitor
// presses Continue with the address still in the field and is let in, where the search box says what it searches.
// axe on the refused gate, the sent request, the panel and the open link.
import { api, apiToken, assert, config, mailsTo, open, ownerSession, pdf, unique } from '../lib.mjs';


/** Waits (15 s) for a mail to `to` whose body holds every one of `words`. */
async function awaitMailWith(to, words) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const mail = mailsTo(to).find((m) => words.every((word) => m.body.includes(word)));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} with ${words.join(', ')} within 15 s in ${config.mailDir}`);
}

export const tests = [
  {
    name: 'a visitor the allow list refuses requests access, the owner approves in the link\'s panel, the visitor gets in',
    async run(browser) {
      const { w, user } = await ownerSession(browser, 'access-requests');
      const { page } = w;
      let visitor;
      try {
        const token = await apiToken(user);
        const room = await api('POST', '/api/v1/datarooms', token, { name: unique('Deal room') });
        assert(room.status === 201, `room: ${room.status}`);
        const docName = 'Teaser.pdf';
        const uploaded = await api('POST', `/api/v1/datarooms/${room.json.id}/documents?name=${docName}`, token,
          pdf('Project teaser', 1), 'application/pdf');
        assert(uploaded.status === 201, `upload: ${uploaded.status}`);

        // The owner's link: a room link with an allow list of one address, made in the dialog.
        const linkName = unique('Teaser link');
        const allowed = `${unique('ann')}@ok.test`;
        await page.goto('/links');
        await page.getByLabel('Room').selectOption(room.json.id);
        await page.getByRole('button', { name: 'Create a link…' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel(/^Link name/).fill(linkName);
        await dialog.getByRole('switch', { name: /^Allow search/ }).check();
        await dialog.getByRole('button', { name: 'Who may open it' }).click();
        await dialog.getByLabel(/^Allowed email addresses/).fill(allowed);
        await dialog.getByRole('button', { name: 'Create link' }).click();
        const url = (await dialog.getByTestId('link-url').textContent()).trim();
        await dialog.getByRole('button', { name: 'Done' }).click();
        const row = page.locator('[data-testid^="link-row-"]', { hasText: linkName });
        await row.waitFor();
        const linkId = (await row.getAttribute('data-testid')).replace('link-row-', '');
        assert((await row.getByTestId('pending-requests').count()) === 0, 'no pending request yet');

        // The visitor, with another address: refused, asks for access.
        visitor = await open(browser, 'access-requests-visitor', { width: 375, height: 800 });
        const v = visitor.page;
        const email = `${unique('vera')}@visitor.test`;
        const message = 'I am the buyer’s counsel.\nPlease let me in.';
        await v.goto(new URL(url).pathname);
        await v.getByLabel(/^Email address/).fill(email);
        await v.getByRole('button', { name: 'Continue' }).click();
        await v.getByRole('alert').getByText(/This email address is not allowed to open the link/).waitFor();
        const form = v.getByRole('form', { name: 'Request access' });
        assert((await form.getByLabel(/^Your email address/).inputValue()) === email, 'the refused address is prefilled');
        await form.getByLabel(/^Message/).fill(message);
        await visitor.check('refused');
        await form.getByRole('button', { name: 'Request access' }).click();
        await v.getByTestId('access-requested')
          .getByText(`The person who shared this link was told that ${email} asks for access.`, { exact: false }).waitFor();
        await visitor.check('requested');

        // AR-1: the link's creator learns who asks, why, and for which link.
        await awaitMailWith(user.email, [email, 'Please let me in.', linkName]);

        // The owner: the pending count in the list, the panel in the link's editor, approve.
        await page.goto('/links');
        await row.getByTestId('pending-requests').getByText('1 access request').waitFor();
        await row.getByRole('button', { name: `Edit ${linkName}` }).click();
        const edit = page.getByRole('dialog', { name: `Edit “${linkName}”` });
        const panel = edit.getByRole('region', { name: /^Access requests/ });
        const request = panel.getByTestId('access-request').filter({ hasText: email });
        await request.getByText('Please let me in.', { exact: false }).waitFor();
        await w.check('panel');
        await panel.getByRole('button', { name: `Approve access for ${email}` }).click();
        await panel.getByRole('status').getByText(`${email} may now open the link`, { exact: false }).waitFor();
        await panel.getByTestId('decided-request').filter({ hasText: email }).getByText('Approved', { exact: true }).waitFor();
        assert((await panel.getByTestId('access-request').count()) === 0, 'nothing pending after the approval');
        await edit.getByRole('button', { name: 'Who may open it' }).click();
        const list = (await edit.getByLabel(/^Allowed email addresses/).inputValue()).split('\n');
        assert(list.includes(allowed) && list.includes(email), `AR-2: the editor's allow list has both: ${list}`);
        await w.check('approved');
        const stored = await api('GET', `/api/v1/share-links/${linkId}`, token);
        assert(stored.json.allowEmails.includes(email) && stored.json.allowEmails.includes(allowed),
          `AR-2: added on the server, the earlier entry kept: ${JSON.stringify(stored.json.allowEmails)}`);
        await edit.getByRole('button', { name: 'Cancel' }).click();
        await row.getByTestId('pending-requests').waitFor({ state: 'detached' });

        // The visitor: the address is still in the field; Continue lets them in.
        assert((await v.getByLabel(/^Email address/).inputValue()) === email, 'the refused address stays in the gate');
        await v.getByRole('button', { name: 'Continue' }).click();
        await v.getByRole('navigation', { name: 'Contents' }).getByText(docName).waitFor({ timeout: 60_000 });
        const box = v.getByRole('searchbox', { name: 'Search in what is shared' });
        await box.waitFor();
        await v.getByText('You can search the names and the text of the documents shared here.').waitFor();
        await visitor.check('in');
      } finally {
        await visitor?.close();
        await w.close();
      }
    },
  },
];
