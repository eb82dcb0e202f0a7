// Q&A (issue 18, docs/features/questions.md QA-1, QA-2, QA-4; docs/features/web-app.md WEB-10) end to end: the owner
// makes a room link with "Allow questions" in the dialog; a visitor asks about the open document in the panel beside
// the viewer and sees it as theirs; the owner finds it on the document's page, answers and publishes; a new visitor
// of the link reads the published answer; a link without "Allow questions" shows no panel. axe on the panels.
import { api, apiToken, assert, open, ownerSession, pdf, unique } from '../lib.mjs';

export const tests = [
  {
    name: 'a visitor asks beside the viewer, the owner answers and publishes on the document page, visitors read it',
    async run(browser) {
      const { w, user } = await ownerSession(browser, 'questions');
      const { page } = w;
      const visitors = [];
      try {
        const token = await apiToken(user);
        const room = await api('POST', '/api/v1/datarooms', token, { name: unique('Q&A room') });
        assert(room.status === 201, `room: ${room.status}`);
        const docName = 'Term sheet.pdf';
        const uploaded = await api('POST', `/api/v1/datarooms/${room.json.id}/documents?name=${encodeURIComponent(docName)}`,
          token, pdf('Term sheet', 1), 'application/pdf');
        assert(uploaded.status === 201, `upload: ${uploaded.status}`);
        const doc = JSON.parse(uploaded.json); // api() parses JSON only for a JSON request

        // The owner's link with "Allow questions", made in the dialog (the switch is sent as allowQuestions).
        const linkName = unique('Buyers');
        await page.goto('/links');
        await page.getByLabel('Room').selectOption(room.json.id);
        await page.getByRole('button', { name: 'Create a link…' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel(/^Link name/).fill(linkName);
        await dialog.getByRole('switch', { name: /^Allow questions/ }).check();
        await dialog.getByRole('button', { name: 'Create link' }).click();
        const url = (await dialog.getByTestId('link-url').textContent()).trim();
        await dialog.getByRole('button', { name: 'Done' }).click();
        const row = page.locator('[data-testid^="link-row-"]', { hasText: linkName });
        await row.getByText('questions allowed', { exact: false }).waitFor();
        const links = await api('GET', '/api/v1/share-links', token);
        assert(links.json.items.some((l) => l.name === linkName && l.allowQuestions === true),
          'QA-4: the link allows questions');

        // A visitor asks in the panel beside the viewer.
        const question = 'Is the purchase price fixed?';
        const first = await open(browser, 'questions-visitor');
        visitors.push(first);
        const v = first.page;
        await v.goto(new URL(url).pathname);
        await v.getByTestId('page-image').waitFor({ timeout: 60_000 });
        const panel = v.getByRole('region', { name: 'Questions' });
        await panel.getByText('No questions about this document yet.').waitFor();
        await panel.getByLabel(/^Ask a question/).fill(question);
        await panel.getByRole('button', { name: 'Send question' }).click();
        const mine = panel.getByTestId('question').filter({ hasText: question });
        await mine.getByText('Yours', { exact: true }).waitFor();
        await mine.getByText('Open', { exact: true }).waitFor();
        await first.check('asked');

        // The owner answers on the document's page: privately first, then published.
        const listed = await api('GET', `/api/v1/datarooms/${room.json.id}/questions`, token);
        assert(listed.status === 200 && listed.json.items.some((q) => q.text === question && q.documentId === doc.id
          && q.asker?.type === 'VISITOR'), `QA-1: the manager's list has the visitor's question: ${JSON.stringify(listed.json)}`);
        await page.goto(`/rooms/${room.json.id}/documents/${doc.id}`);
        const ownerPanel = page.getByRole('region', { name: 'Questions' });
        const asked = ownerPanel.getByTestId('question').filter({ hasText: question });
        try {
          await asked.waitFor({ timeout: 20_000 });
        } catch (e) {
          const regions = await page.getByRole('region').allInnerTexts();
          throw new Error(`no question on the document page; regions: ${JSON.stringify(regions)}`, { cause: e });
        }
        await asked.getByLabel('Your answer').fill('Only for the first buyer.');
        await asked.getByRole('button', { name: 'Answer', exact: true }).click();
        await asked.getByText('Only for the first buyer.').waitFor();
        await asked.getByText('Answered', { exact: true }).waitFor();
        await asked.getByLabel('Your answer').fill('Yes, the price is fixed.');
        await asked.getByRole('checkbox', { name: /^Publish/ }).check();
        await asked.getByRole('button', { name: 'Answer', exact: true }).click();
        await asked.getByText('Yes, the price is fixed.').waitFor();
        await asked.getByText('Published', { exact: true }).waitFor();
        await w.check('answered');

        // QA-2: another visitor of the link reads the published question with its published answer only.
        const second = await open(browser, 'questions-visitor-2', { width: 375, height: 800 });
        visitors.push(second);
        const v2 = second.page;
        await v2.goto(new URL(url).pathname);
        const panel2 = v2.getByRole('region', { name: 'Questions' });
        const published = panel2.getByTestId('question').filter({ hasText: question });
        await published.getByText('Yes, the price is fixed.').waitFor({ timeout: 60_000 });
        assert((await published.getByText('Only for the first buyer.').count()) === 0,
          'QA-1: a private answer is not shown to another visitor');
        assert((await published.getByText('Yours', { exact: true }).count()) === 0, 'not theirs');
        await second.check('published');

        // QA-4: a link without "Allow questions" shows no panel.
        const plain = await api('POST', '/api/v1/share-links', token,
          { target: { type: 'DATAROOM', id: room.json.id }, name: unique('Plain') });
        assert(plain.status === 201 && plain.json.allowQuestions === false, 'off by default');
        const third = await open(browser, 'questions-visitor-3');
        visitors.push(third);
        await third.page.goto(new URL(plain.json.url).pathname);
        await third.page.getByTestId('page-image').waitFor({ timeout: 60_000 });
        assert((await third.page.getByTestId('questions-panel').count()) === 0, 'QA-4: no panel without allowQuestions');
      } finally {
        for (const visitor of visitors) await visitor.close();
        await w.close();
      }
    },
  },
];
