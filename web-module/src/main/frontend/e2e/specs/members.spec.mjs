// Members: invite → the invited person accepts through the mail and logs in; cancel an invitation; an API key is
// shown once, copied, works at /auth/token, and stops working once revoked; the home page shows recent activity.
import { apiCall, assert, awaitMailLink, logIn, open, ownerSession, unique } from '../lib.mjs';

export const tests = [
  {
    name: 'invite a member, who accepts through the mail and logs in; cancel another invitation',
    async run(browser) {
      const { w, user } = await ownerSession(browser, 'members');
      const { page } = w;
      let guest;
      try {
        await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Members' }).click();
        await page.getByRole('cell', { name: user.email, exact: true }).waitFor();
        await page.getByRole('tab', { name: 'Invitations' }).click();
        await page.getByText('No pending invitations.').waitFor();
        const invited = `${unique('invited')}@example.test`;
        await page.getByLabel('Email address').fill(invited);
        await page.getByLabel('Role').selectOption('MEMBER');
        await page.getByRole('button', { name: 'Send the invitation' }).click();
        await page.getByRole('status').getByText(`An invitation was sent to ${invited}.`).waitFor();
        await page.getByRole('cell', { name: invited, exact: true }).waitFor();
        await w.check('invitations');

        const link = await awaitMailLink(invited, '/invitations/accept');
        guest = await open(browser, 'members-guest');
        await guest.page.goto(link);
        await guest.page.getByRole('heading', { name: 'Join your team on Coffer' }).waitFor();
        await guest.page.getByLabel('Your name').fill('Max Member');
        const password = `pw-${unique('x')}-long`;
        await guest.page.getByLabel(/^Password/).fill(password);
        await guest.page.getByLabel('Repeat the password').fill(password);
        await guest.check('accept');
        await guest.page.getByRole('button', { name: 'Create my account' }).click();
        await guest.page.getByText(`Your account in ${user.slug} is ready.`).waitFor();
        await guest.page.getByRole('link', { name: 'Log in' }).click();
        // The login form is filled in with the tenant and the email of the new account.
        assert((await guest.page.getByLabel('Organisation').inputValue()) === user.slug, 'tenant prefilled');
        await logIn(guest, { slug: user.slug, email: invited, password });
        await guest.page.getByRole('heading', { name: 'Welcome, Max Member' }).waitFor();
        const nav = guest.page.getByRole('navigation', { name: 'Main navigation' });
        assert((await nav.getByRole('link', { name: 'Members' }).count()) === 0, 'a member has no Members line');
        await guest.check('member-home');

        await page.reload();
        await page.getByText('No pending invitations.').waitFor();
        await page.getByRole('tab', { name: 'People' }).click();
        await page.getByRole('cell', { name: invited, exact: true }).waitFor();

        await page.getByRole('tab', { name: 'Invitations' }).click();
        const other = `${unique('other')}@example.test`;
        await page.getByLabel('Email address').fill(other);
        await page.getByRole('button', { name: 'Send the invitation' }).click();
        await page.getByRole('cell', { name: other, exact: true }).waitFor();
        await page.getByRole('button', { name: `Cancel invitation for ${other}` }).click();
        await page.getByRole('status').getByText(`The invitation of ${other} was cancelled.`).waitFor();
        await page.getByText('No pending invitations.').waitFor();
        await w.assertClean();
      } finally {
        await guest?.close();
        await w.close();
      }
    },
  },
  {
    name: 'an API key is shown once with a copy button, works, and stops working once revoked',
    async run(browser) {
      const { w } = await ownerSession(browser, 'api-keys', { permissions: ['clipboard-read', 'clipboard-write'] });
      const { page } = w;
      try {
        await page.goto('/members/api-keys');
        await page.getByText('No API keys yet.').waitFor();
        await w.check('empty');
        await page.getByLabel(/^Name/).fill('nightly backup');
        await page.getByLabel('Read (GET only)').check();
        await page.getByRole('button', { name: 'Create the key' }).click();
        const shown = page.getByTestId('new-api-key');
        await shown.waitFor();
        const key = await shown.getByLabel('The API key').inputValue();
        assert(key.length >= 20, `a key is shown: ${key}`);
        await shown.getByRole('button', { name: 'Copy' }).click();
        await shown.getByRole('button', { name: 'Copied' }).waitFor();
        assert((await page.evaluate(() => navigator.clipboard.readText())) === key, 'the copy button copies the key');
        await w.check('created');

        const exchanged = await apiCall('POST', '/api/v1/auth/token', { apiKey: key });
        assert(exchanged.status === 200, `the shown key is the real one: ${exchanged.status} ${exchanged.body}`);

        await shown.getByRole('button', { name: 'I have stored the key' }).click();
        assert((await page.getByTestId('new-api-key').count()) === 0, 'the key is gone');
        await page.reload();
        const row = page.getByRole('row', { name: /nightly backup/ });
        await row.getByText('Active').waitFor();
        assert(!(await page.content()).includes(key), 'the key is never shown again');
        await row.getByRole('button', { name: 'Revoke the key nightly backup' }).click();
        await page.getByRole('status').getByText('The key nightly backup was revoked.').waitFor();
        await row.getByText('Revoked').waitFor();
        const refused = await apiCall('POST', '/api/v1/auth/token', { apiKey: key });
        assert(refused.status === 401, `a revoked key is refused: ${refused.status}`);
        await w.check('revoked');
      } finally {
        await w.close();
      }
    },
  },
  {
    name: 'the home page shows the recent activity of the organisation',
    async run(browser) {
      const { w, user } = await ownerSession(browser, 'home');
      const { page } = w;
      try {
        const deadline = Date.now() + 15_000;
        for (;;) {
          await page.goto('/');
          await page.getByRole('heading', { name: 'Recent activity' }).waitFor();
          const items = await page.getByTestId('recent-activity').getByRole('listitem').count().catch(() => 0);
          if (items > 0 || Date.now() > deadline) break;
          await page.waitForTimeout(1000);
        }
        await page.getByTestId('recent-activity').getByText(`${user.name} logged in`).first().waitFor();
        await w.check('home-activity');
      } finally {
        await w.close();
      }
    },
  },
];
