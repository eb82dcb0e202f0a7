// Forgot password → the .eml mail's link → a new password → the old one no longer works, the new one does.
import { awaitMailLink, logIn, open, signUpAndVerify } from '../lib.mjs';

export const tests = [
  {
    name: 'forgot and reset the password through the mail',
    async run(browser) {
      const w = await open(browser, 'password-reset');
      const { page } = w;
      try {
        const user = await signUpAndVerify(w);
        await page.goto('/login');
        await page.getByRole('link', { name: 'Forgot your password?' }).click();
        await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
        await w.check('forgot');
        await page.getByLabel('Organisation').fill(user.slug);
        await page.getByLabel('Email').fill(user.email);
        await page.getByRole('button', { name: 'Send the link' }).click();
        await page.getByText('a mail with a link is on its way').waitFor();
        await w.check('forgot-sent');

        const link = await awaitMailLink(user.email, '/reset-password');
        await page.goto(link);
        await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
        const newPassword = `${user.password}-new`;
        await page.getByLabel('New password').fill(newPassword);
        await page.getByLabel('Repeat the password').fill('something else entirely');
        await page.getByRole('button', { name: 'Set the new password' }).click();
        await page.getByText('The two passwords differ.').waitFor();
        await page.getByLabel('Repeat the password').fill(newPassword);
        await w.check('reset');
        await page.getByRole('button', { name: 'Set the new password' }).click();
        await page.getByText('Your password was changed.').waitFor();
        await w.check('reset-done');

        // The link is used up.
        await page.goto(link);
        await page.getByLabel('New password').fill(`${newPassword}-again`);
        await page.getByLabel('Repeat the password').fill(`${newPassword}-again`);
        await page.getByRole('button', { name: 'Set the new password' }).click();
        await page.getByRole('alert').getByText('This link is invalid, has expired or was already used.').waitFor();

        await page.goto('/login');
        await logIn(w, user, { fails: true });
        await page.getByRole('alert').getByText('The organisation, email or password is wrong.').waitFor();
        await logIn(w, { ...user, password: newPassword });
        await w.assertClean();
      } finally {
        await w.close();
      }
    },
  },
];
