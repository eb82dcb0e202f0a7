// Sign up → verify through the .eml mail → log in → reload stays logged in → log out; at 375 px too.
import { assert, logIn, open, signUpAndVerify } from '../lib.mjs';

export const tests = [
  {
    name: 'sign up, verify by mail, log in, reload stays logged in, log out',
    async run(browser) {
      const w = await open(browser, 'auth');
      const { page } = w;
      try {
        await page.goto('/');
        await page.getByRole('heading', { name: 'Log in to Coffer' }).waitFor();
        await w.check('login');
        const user = await signUpAndVerify(w, { onSent: () => w.check('signup-sent') });
        await w.check('verified');

        await page.getByRole('link', { name: 'Log in' }).first().click();
        await logIn(w, user);
        await page.getByRole('heading', { name: `Welcome, ${user.name}` }).waitFor();
        assert(new URL(page.url()).pathname === '/', `home after login, at ${page.url()}`);
        await w.check('home');

        const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
        assert(!/eyJ[A-Za-z0-9_-]+\./.test(storage), `no token in web storage: ${storage}`);
        assert(!/token/i.test(page.url()), 'no token in the URL');

        // A full load of a deep link logs in again through the refresh cookie; wait for it before reloading (a
        // reload that aborts a refresh in flight loses the rotated cookie, and the server then revokes the family).
        await page.goto('/members');
        await page.getByTestId('signed-in-as').waitFor();
        await page.getByRole('heading', { name: 'Members' }).waitFor();
        await w.check('members');
        await page.reload();
        await page.getByTestId('signed-in-as').waitFor();
        assert(new URL(page.url()).pathname === '/members', `a reload of a deep link stays there: ${page.url()}`);
        await w.assertClean();

        await page.getByRole('button', { name: 'Log out' }).click();
        await page.getByRole('heading', { name: 'Log in to Coffer' }).waitFor();
        await page.reload();
        await page.getByRole('heading', { name: 'Log in to Coffer' }).waitFor();
        assert((await page.getByTestId('signed-in-as').count()) === 0, 'logged out after a reload');
        await w.assertClean();
      } finally {
        await w.close();
      }
    },
  },
  {
    name: 'a wrong password gets a sentence, and the phone width (375 px) works without sideways scrolling',
    async run(browser) {
      const w = await open(browser, 'auth-phone', { width: 375, height: 800 });
      const { page } = w;
      try {
        const user = await signUpAndVerify(w);
        await page.goto('/login');
        await logIn(w, { ...user, password: 'not the password at all' }, { fails: true });
        await page.getByRole('alert').getByText('The organisation, email or password is wrong.').waitFor();
        await w.check('login-failed');
        await logIn(w, user);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 0, `no sideways scrolling at 375 px (${overflow} px too wide)`);
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).waitFor();
        await w.check('home-phone-menu');
      } finally {
        await w.close();
      }
    },
  },
];
