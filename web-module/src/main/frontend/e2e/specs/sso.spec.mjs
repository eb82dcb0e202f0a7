// Single sign-on in the browser (docs/features/sso.md): an owner sets up the organisation's OpenID Connect provider
// in Settings › Single sign-on (SSO-1, SSO-3: the provider's discovery is read on save), logs out, and a colleague of
// the organisation's email domain who is not a member yet signs in with "Sign in with SSO": the browser goes to the
// provider and back through the callback (state, PKCE and the browser binding, SSO-4..6) and lands signed in as a
// new member (SSO-10). The provider is a real one, run by WebAppE2EIT (mock-oauth2-server, no login page);
// E2E_SSO_URL queues what its next ID token says.
import { assert, config, ownerSession } from '../lib.mjs';

const issuer = process.env.E2E_SSO_ISSUER ?? '';
const nextTokens = process.env.E2E_SSO_URL ?? '';

export const tests = [
  {
    name: 'an owner sets up single sign-on and a new colleague signs in with it',
    async run(browser) {
      if (!issuer || !nextTokens) throw new Error('E2E_SSO_ISSUER and E2E_SSO_URL are not set: WebAppE2EIT runs the provider');
      const { w, user } = await ownerSession(browser, 'sso');
      const { page } = w;
      try {
        const domain = `${user.slug}.sso.test`;
        await page.getByRole('link', { name: 'Settings' }).click();
        await page.getByRole('tab', { name: 'Single sign-on' }).click();
        await page.getByLabel('Issuer URL').fill(issuer);
        await page.getByLabel('Client ID').fill('coffer-e2e');
        await page.getByLabel('Client secret').fill('e2e-client-secret');
        const domains = page.getByRole('combobox', { name: 'Email domains' });
        await domains.fill(domain);
        await domains.press('Enter');
        await page.getByLabel('Allow sign-in with single sign-on').check();
        await page.getByLabel('Create members on first sign-in').check();
        await w.check('sso-settings');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('The single sign-on settings were saved.').waitFor();
        await page.getByText('A secret is stored. Leave this empty to keep it.').waitFor();

        await page.getByRole('button', { name: 'Log out', exact: true }).click();
        await page.getByRole('heading', { name: 'Log in to Coffer' }).waitFor();
        await page.getByLabel('Organisation').first().fill(user.slug);
        const email = `colleague@${domain}`;
        const queued = await fetch(`${nextTokens}?email=${encodeURIComponent(email)}`);
        assert(queued.status === 204, `the provider's next tokens were not queued: ${queued.status}`);
        await page.getByRole('button', { name: 'Sign in with SSO' }).click();
        await page.getByTestId('signed-in-as').filter({ hasText: 'Sam Single' }).waitFor();
        assert(new URL(page.url()).origin === new URL(config.baseUrl).origin, `back on Coffer: ${page.url()}`);
        await w.check('signed-in-with-sso');
        await w.assertClean();
      } finally {
        await w.close();
      }
    },
  },
];
