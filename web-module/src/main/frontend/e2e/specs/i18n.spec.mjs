// The German UI renders (chosen from the browser's language), and the switch changes it.
import { assert, open } from '../lib.mjs';

export const tests = [
  {
    name: 'a German browser gets the German UI; the switch goes to English and back',
    async run(browser) {
      const w = await open(browser, 'i18n', { locale: 'de-DE' });
      const { page } = w;
      try {
        await page.goto('/login');
        await page.getByRole('heading', { name: 'Bei Coffer anmelden' }).waitFor();
        assert((await page.evaluate(() => document.documentElement.lang)) === 'de', 'html lang is de');
        await page.getByRole('button', { name: 'Anmelden', exact: true }).waitFor();
        await w.check('login-de');
        await page.goto('/signup');
        await page.getByRole('heading', { name: 'Ihre Organisation anlegen' }).waitFor();
        await w.check('signup-de');
        await page.getByLabel('Sprache').selectOption('en');
        await page.getByRole('heading', { name: 'Create your organisation' }).waitFor();
        assert((await page.evaluate(() => document.documentElement.lang)) === 'en', 'html lang follows the switch');
        await page.reload();
        await page.getByRole('heading', { name: 'Create your organisation' }).waitFor();
        await page.getByLabel('Language').selectOption('de');
        await page.getByRole('heading', { name: 'Ihre Organisation anlegen' }).waitFor();
        await w.assertClean();
      } finally {
        await w.close();
      }
    },
  },
];
