// Passkeys (docs/features/passkeys.md): an owner registers a passkey on the account page with Chromium's virtual
// authenticator (CDP WebAuthn domain: a platform authenticator with resident keys and user verification, presence
// simulated), sees it listed and counted, logs out, signs in with "Sign in with a passkey" (usernameless, flow 3),
// then logs in with the password and passes the second step with the passkey (flow 2), and deletes the passkey,
// after which the password alone logs in again. The origin is COFFER_PUBLIC_URL's (http://localhost:<port> in the
// IT), so the browser's rp id is the server's.
import { assert, logIn, ownerSession } from '../lib.mjs';

/** A virtual authenticator for the page, as a phone or laptop with a screen lock would be. */
async function virtualAuthenticator(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    async credentials() {
      return (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    },
  };
}

export const tests = [
  {
    name: 'register a passkey, sign in with it alone and as the second step, delete it',
    async run(browser) {
      const { w, user } = await ownerSession(browser, 'passkeys');
      const { page } = w;
      try {
        const authenticator = await virtualAuthenticator(page);

        // The usernameless sign-in needs passkeys among the organisation's login methods (PK-6)
        await page.getByRole('link', { name: 'Settings' }).click();
        const policy = page.getByTestId('security-policy');
        const allowed = policy.getByRole('checkbox', { name: 'Passkeys' });
        await allowed.waitFor();
        if (!(await allowed.isChecked())) {
          await allowed.check();
          await policy.getByRole('button', { name: 'Save' }).click();
          await policy.getByText('The sign-in security was saved.').waitFor();
        }

        await page.getByRole('link', { name: 'Your account' }).click();
        await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
        const section = page.getByTestId('passkeys');
        await section.getByText('You have no passkeys yet.').waitFor();
        await w.check('account');

        await section.getByRole('button', { name: 'Add a passkey' }).click();
        await section.getByLabel(/^Name of the passkey/).fill('E2E laptop');
        await w.check('add');
        await section.getByRole('button', { name: 'Create the passkey' }).click();
        await section.getByText('The passkey “E2E laptop” was added.').waitFor();
        const row = section.getByTestId('passkey-row').filter({ hasText: 'E2E laptop' });
        await row.getByText('Not used yet').waitFor();
        await page.getByTestId('passkeys-count').filter({ hasText: '1 passkey' }).waitFor();
        const stored = await authenticator.credentials();
        assert(stored.length === 1 && stored[0].isResidentCredential, `one discoverable credential: ${JSON.stringify(stored)}`);
        await w.check('listed');

        // Flow 3: no email, no password: the browser offers the discoverable credential of the rp id
        await page.getByRole('button', { name: 'Log out', exact: true }).click();
        await page.getByRole('heading', { name: 'Log in to Coffer' }).waitFor();
        await w.check('login');
        await page.getByLabel('Organisation').first().fill(user.slug);
        await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
        await page.getByTestId('signed-in-as').waitFor();
        await w.assertClean();

        // Flow 2: the password answers mfa-required with webauthn among the methods (PK-8); the passkey passes it
        await page.getByRole('button', { name: 'Log out', exact: true }).click();
        await page.getByRole('heading', { name: 'Log in to Coffer' }).waitFor();
        await logIn(w, user, { fails: true });
        await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
        await page.getByRole('button', { name: 'Use a passkey' }).waitFor();
        await w.check('second-step');
        await page.getByRole('button', { name: 'Use a passkey' }).click();
        await page.getByTestId('signed-in-as').waitFor();
        await w.assertClean();

        // Used twice now: the list says when; deleting asks first, and then it is gone (PK-9)
        await page.getByRole('link', { name: 'Your account' }).click();
        const used = page.getByTestId('passkeys').getByTestId('passkey-row').filter({ hasText: 'E2E laptop' });
        await used.locator('time').nth(1).waitFor();
        await used.getByRole('button', { name: 'Delete the passkey E2E laptop' }).click();
        await used.getByRole('group', { name: /^Delete “E2E laptop”\?/ }).waitFor();
        await w.check('confirm-delete');
        await used.getByRole('group').getByRole('button', { name: 'Delete', exact: true }).click();
        await page.getByText('The passkey “E2E laptop” was deleted.').waitFor();
        await page.getByTestId('passkeys').getByText('You have no passkeys yet.').waitFor();
        await page.getByTestId('passkeys-count').filter({ hasText: '0 passkeys' }).waitFor();
        await w.check('deleted');

        // Without a second factor the password alone logs in again
        await page.getByRole('button', { name: 'Log out', exact: true }).click();
        await page.getByRole('heading', { name: 'Log in to Coffer' }).waitFor();
        await logIn(w, user);
        await w.assertClean();
      } finally {
        await w.close();
      }
    },
  },
];
