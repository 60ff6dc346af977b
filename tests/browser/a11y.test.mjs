// Tier 3: axe-core accessibility checks of every route, in both languages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { servedApp, openPage, waitForApp } from './support.mjs';
import { ROUTES } from './routes.mjs';

let server;
let browser;

servedApp((started) => ({ server, browser } = started));

for (const lang of ['zh', 'en']) {
  for (const route of ROUTES) {
    test(`axe finds no violations on ${route.name} (${lang})`, async () => {
      const { context, page, guard } = await openPage(browser, server.origin);
      await context.addInitScript(([l, items]) => {
        try {
          localStorage.setItem('qz.lang', l);
          for (const [key, value] of items) localStorage.setItem(key, value);
        } catch { /* storage may be off */ }
      }, [lang, Object.entries(route.storage ?? {})]);
      await page.goto(server.url + route.hash);
      await waitForApp(page);
      if (route.ready) await page.waitForSelector(route.ready, { timeout: 15000 });
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
      );
      assert.deepEqual(summary, [], `axe violations on ${route.name} (${lang})`);
      guard.assertClean(assert);
      await context.close();
    });
  }
}
