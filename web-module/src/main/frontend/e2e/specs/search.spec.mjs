// Full-text search (issue 18) end to end: the owner uploads a PDF whose name holds a unique word (names are
// searchable at once), finds it from the header's search box (the hit with its room and marked snippet, "only in"
// the room it was started from), opens it; the PDF's text is found on its page once extracted (polled through the
// API first); a room link made in the dialog with "Allow search" is opened as a visitor, who searches and opens the
// hit in the visitor viewer. axe on the results and the visitor's search.
import { randomInt } from 'node:crypto';
import { api, apiToken, assert, config, open, ownerSession, pdf, unique } from '../lib.mjs';


/** A word of letters only (one token for the text search, in no dictionary). */
function word(prefix) {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let out = prefix;
  for (let i = 0; i < 8; i++) out += letters[randomInt(letters.length)];
  return out;
}

/** Polls the member's search until `q` finds a hit on a page (text extraction runs a few seconds after upload). */
async function awaitTextHit(token, q, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await api('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, token);
    assert(answer.status === 200, `search: ${answer.status} ${JSON.stringify(answer.json)}`);
    const hit = answer.json.items.find((h) => h.page != null);
    if (hit) return hit;
    assert(Date.now() < until, `the text "${q}" was not found within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export const tests = [
  {
    name: 'a member finds a document by its name and its text from the header, a visitor of an "Allow search" link finds it too',
    async run(browser) {
      const { w, user } = await ownerSession(browser, 'search');
      const { page } = w;
      let visitor;
      try {
        const token = await apiToken(user);
        const roomName = unique('Search room');
        const room = await api('POST', '/api/v1/datarooms', token, { name: roomName });
        assert(room.status === 201, `room: ${room.status}`);
        const folder = await api('POST', `/api/v1/datarooms/${room.json.id}/folders`, token, { name: 'Legal' });
        assert(folder.status === 201, `folder: ${folder.status}`);
        const nameWord = word('zq');
        const textWord = word('xk');
        const docName = `Lease ${nameWord}.pdf`;
        const uploaded = await fetch(`${config.baseUrl}/api/v1/datarooms/${room.json.id}/documents?folderId=${folder.json.id}`
          + `&name=${encodeURIComponent(docName)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/pdf', Authorization: `Bearer ${token}` },
          body: pdf(`Rent clause ${textWord}`, 2),
        });
        assert(uploaded.status === 201, `upload: ${uploaded.status}`);
        const doc = await uploaded.json();

        // From inside the room: the header's box opens the results, which offer "only in" this room.
        await page.goto(`/rooms/${room.json.id}`);
        await page.getByRole('heading', { name: roomName, level: 1 }).waitFor();
        const box = page.getByRole('searchbox', { name: 'Search documents' });
        await box.fill(nameWord);
        await box.press('Enter');
        await page.getByRole('heading', { name: 'Search', level: 1 }).waitFor();
        const results = page.getByRole('list', { name: `Results for “${nameWord}”` });
        const hit = results.getByTestId('search-hit').filter({ hasText: docName });
        await hit.waitFor();
        await hit.getByTestId('hit-where').getByText(`Room ${roomName} · in Legal · name matches`).waitFor();
        const marked = await hit.locator('mark').allTextContents();
        assert(marked.some((m) => m.toLowerCase() === nameWord), `the name's word is marked: ${JSON.stringify(marked)}`);
        const only = page.getByRole('checkbox', { name: `Only in ${roomName}` });
        await only.check();
        await page.waitForURL((url) => url.searchParams.get('only') === '1');
        await hit.waitFor();
        await w.check('results');
        await hit.getByRole('link', { name: docName }).click();
        await page.waitForURL(`**/rooms/${room.json.id}/documents/${doc.id}`);
        await page.getByRole('heading', { name: docName, level: 1 }).waitFor();

        // The text, once extracted, is found on its page; the hit opens the document at that page.
        const textHit = await awaitTextHit(token, textWord);
        assert(textHit.documentId === doc.id, `the text hit is the document: ${JSON.stringify(textHit)}`);
        await page.goto(`/search?q=${encodeURIComponent(textWord)}`);
        const onPage = page.getByTestId('search-hit').filter({ hasText: docName }).first();
        await onPage.waitFor();
        await onPage.getByTestId('hit-where').getByText(`page ${textHit.page}`).waitFor();
        await onPage.getByRole('link', { name: docName }).click();
        await page.waitForURL((url) => url.pathname.endsWith(`/documents/${doc.id}`) && url.searchParams.get('page') === String(textHit.page));
        await page.getByTestId('page-of').getByText(`Page ${textHit.page} of 2`).waitFor({ timeout: 60_000 });

        // 375 px: the header's box wraps, nothing scrolls sideways (a room, the results).
        await page.setViewportSize({ width: 375, height: 800 });
        for (const path of [`/rooms/${room.json.id}`, `/search?q=${encodeURIComponent(nameWord)}`]) {
          await page.goto(path);
          await page.getByTestId('signed-in-as').waitFor();
          await page.getByRole('heading', { level: 1 }).waitFor();
          await page.waitForLoadState('networkidle').catch(() => {});
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 0, `no sideways scrolling at 375 px on ${path} (${overflow} px too wide)`);
        }
        await w.check('results-phone');
        await page.setViewportSize({ width: 1280, height: 900 });

        // A room link with "Allow search", made in the dialog.
        await page.goto('/links');
        await page.getByLabel('Room').selectOption(room.json.id);
        await page.getByRole('button', { name: 'Create a link…' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel(/^Link name/).fill('Searchable');
        await dialog.getByRole('switch', { name: /^Allow search/ }).check();
        await dialog.getByRole('button', { name: 'Create link' }).click();
        const url = (await dialog.getByTestId('link-url').textContent()).trim();
        await dialog.getByRole('button', { name: 'Done' }).click();
        const links = await api('GET', '/api/v1/share-links', token);
        assert(links.json.items.some((l) => l.name === 'Searchable' && l.allowSearch === true), 'the link allows search');

        visitor = await open(browser, 'search-visitor');
        const v = visitor.page;
        await v.goto(new URL(url).pathname);
        const visitorBox = v.getByRole('searchbox', { name: 'Search in what is shared' });
        await visitorBox.waitFor({ timeout: 60_000 });
        await visitorBox.fill(nameWord);
        await visitorBox.press('Enter');
        const visitorHit = v.getByRole('list', { name: `Results for “${nameWord}”` }).getByTestId('search-hit').filter({ hasText: docName });
        await visitorHit.waitFor();
        await visitorHit.getByTestId('hit-where').getByText('in Legal · name matches').waitFor();
        await visitor.check('visitor-results');
        await visitorHit.getByRole('button', { name: docName }).click();
        const image = v.getByTestId('page-image');
        await image.waitFor({ timeout: 60_000 });
        assert((await image.getAttribute('alt')).includes(docName), `the viewer shows the hit: ${await image.getAttribute('alt')}`);
        await visitor.check('visitor-viewer');
      } finally {
        await visitor?.close();
        await w.close();
      }
    },
  },
];
