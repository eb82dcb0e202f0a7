// Account (issue 17): set up TOTP on the account page (QR code, secret, first code, the recovery codes once as a
// .txt download), then sign in through the login's second step with a code of the app and with a recovery code;
// the sessions list marks this device, and ending it is a logout. Needs E2E_TOTP_URL (WebAppE2EIT serves the codes
// from the server's Totp); without it the spec says so and runs nothing.
import { assert, config, logIn, ownerSession, totpCode } from '../lib.mjs';

async function secondStep(w, user, fill) {
  const { page } = w;
  await logIn(w, user, { fails: true });
  await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
  await fill(page);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

const all = [
  {
    name: 'set up TOTP on the account page, sign in with a code and with a recovery code, end this session',
    async run(browser) {
      const { w, user } = await ownerSession(browser, 'account');
      const { page } = w;
      try {
        await page.getByRole('link', { name: 'Your account' }).click();
        await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
        await w.check('account');

        await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
        await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
        const secret = await page.getByLabel(/^Secret for typing in/).inputValue();
        assert(/^[A-Z2-7]{16,}$/.test(secret), `a base32 secret: ${secret}`);
        await w.check('totp-enrol');

        await page.getByLabel(/^Code/).fill(await totpCode(secret, 0));
        await page.getByRole('button', { name: 'Turn on' }).click();
        const shown = page.getByTestId('recovery-codes');
        await shown.getByText('Store these recovery codes now').waitFor();
        const codes = (await shown.getByRole('listitem').allTextContents()).map((c) => c.trim());
        assert(codes.length === 10, `ten recovery codes: ${codes.length}`);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          shown.getByRole('button', { name: 'Download as .txt' }).click(),
        ]);
        assert(download.suggestedFilename() === 'coffer-recovery-codes.txt', `file name ${download.suggestedFilename()}`);
        await w.check('recovery-codes');
        await shown.getByRole('button', { name: 'I have stored the codes' }).click();
        assert((await page.getByTestId('recovery-codes').count()) === 0, 'the codes are shown once');
        await page.getByRole('button', { name: 'Turn off two-factor authentication' }).waitFor();

        // The password alone is no longer enough; the next step's code (the confirmation used this one).
        await page.getByRole('button', { name: 'Log out', exact: true }).click();
        await page.getByRole('heading', { name: 'Log in to Coffer' }).waitFor();
        await logIn(w, user, { fails: true });
        await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
        await w.check('second-step');
        await page.getByLabel(/^Code/).fill(await totpCode(secret, 1));
        await page.getByRole('button', { name: 'Verify' }).click();
        await page.getByTestId('signed-in-as').waitFor();
        await w.assertClean();

        await page.getByRole('button', { name: 'Log out', exact: true }).click();
        await page.getByRole('heading', { name: 'Log in to Coffer' }).waitFor();
        await secondStep(w, user, async (p) => {
          await p.getByRole('button', { name: 'Use a recovery code instead' }).click();
          await p.getByLabel(/^Recovery code/).fill(codes[0]);
        });
        await w.assertClean();

        await page.goto('/account');
        const current = page.getByTestId('session-row').filter({ hasText: 'This device' });
        await current.waitFor();
        assert((await current.count()) === 1, 'one session is this device');
        await w.check('sessions');
        await current.getByRole('button', { name: "End this device's session and log out" }).click();
        await page.getByRole('heading', { name: 'Log in to Coffer' }).waitFor();
        await page.reload();
        await page.getByRole('heading', { name: 'Log in to Coffer' }).waitFor();
        assert((await page.getByTestId('signed-in-as').count()) === 0, 'the ended session does not come back on reload');
        await w.assertClean();
      } finally {
        await w.close();
      }
    },
  },
];

if (!config.totpUrl) console.log('  account spec: E2E_TOTP_URL is not set (WebAppE2EIT serves the codes); NOT run');
export const tests = config.totpUrl ? all : [];
