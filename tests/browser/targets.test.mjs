// Tier 2: targets. Charts and tables must carry exactly the numbers of data/plans/qinzhou-yixianyiye-2023-2025/plan.toml.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, waitForApp } from './support.mjs';
import { useLanguage, readPlan, normalizeDecimal } from './journey.mjs';

let server;
let browser;
let plan;

servedApp((started) => ({ server, browser } = started));

before(async () => {
  plan = await readPlan();
});

for (const lang of ['zh', 'en']) {
  test(`each county has an accessible chart per metric and a table with the plan's numbers (${lang})`, async () => {
    const { context, page, guard } = await openPage(browser, server.origin);
    await useLanguage(context, lang);
    await page.goto(`${server.url}#/targets`);
    await waitForApp(page);
    await page.waitForSelector('[data-testid="targets-screen"] svg');
    assert.ok(plan.countyTargets.length > 0 && plan.counties.length === 4);

    for (const county of plan.counties) {
      const rows = plan.countyTargets.filter((r) => r.county === county.id);
      const section = page.locator(`[data-testid="targets-${county.id}"]`);
      assert.equal(await section.count(), 1, `a section for ${county.id}`);
      const charts = section.locator('svg[role="img"]');
      assert.equal(await charts.count(), rows.length, `${county.id}: one chart per metric`);

      for (const row of rows) {
        const chart = section.locator(`[data-testid="chart-${county.id}-${row.metric}"]`);
        // A text alternative: <title> and <desc>, referenced by aria-labelledby.
        const label = await chart.evaluate((svg) => (svg.getAttribute('aria-labelledby') || '')
          .split(' ').map((id) => document.getElementById(id)?.textContent || '').join(' '));
        assert.ok(label.trim().length > 10, `${county.id}/${row.metric} has a text alternative`);
        for (const v of row.values) {
          assert.ok(label.replace(/,/g, '').includes(v.value), `${row.metric}: ${v.value} is in the description`);
        }
        // Bars: one per figure, labelled with the figure, heights proportional to the values.
        const bars = await chart.evaluate((svg) => [...svg.querySelectorAll('rect.chart-bar')]
          .map((r) => Number(r.getAttribute('height'))));
        const labels = (await chart.locator('text.chart-value').allTextContents()).map((t) => t.replace(/,/g, ''));
        assert.deepEqual(labels, row.values.map((v) => normalizeDecimal(v.value)), `${row.metric} bar labels`);
        assert.equal(bars.length, row.values.length);
        const values = row.values.map((v) => Number(v.value));
        const max = Math.max(...values);
        const tallest = Math.max(...bars);
        values.forEach((value, i) => {
          assert.ok(Math.abs(bars[i] / tallest - value / max) < 0.02, `${row.metric}: bar ${i} in proportion`);
        });
      }

      // The same numbers as a real table.
      const table = section.locator(`table[data-testid="targets-table-${county.id}"]`);
      assert.ok((await table.locator('caption').textContent()).trim().length > 0, 'a caption');
      assert.ok(await table.locator('thead th[scope="col"]').count() >= 3);
      for (const row of rows) {
        const tr = table.locator(`tbody tr[data-metric="${row.metric}"]`);
        assert.equal(await tr.locator('th[scope="row"]').count(), 1);
        for (const v of row.values) {
          const cell = tr.locator(`td[data-year="${v.year}"]`);
          assert.equal(await cell.getAttribute('data-value'), normalizeDecimal(v.value), `${county.id}/${row.metric}/${v.year}`);
          assert.equal(await cell.getAttribute('data-qualifier'), v.qualifier);
          assert.ok((await cell.textContent()).replace(/,/g, '').includes(normalizeDecimal(v.value)));
        }
      }
    }

    // City-wide goals; a count of projects or enterprises is worded as the plan words it
    // (100个, 60家), never as a bare "number".
    const countWords = { projects: { zh: '个', en: 'projects' }, enterprises: { zh: '家', en: 'enterprises' } };
    assert.ok(plan.cityGoals.some((g) => countWords[g.unit]), 'a city goal counts projects or enterprises');
    for (const goal of plan.cityGoals) {
      const el = page.locator(`[data-testid="goal-${goal.id}"]`);
      assert.equal(await el.getAttribute('data-value'), normalizeDecimal(goal.value), goal.id);
      assert.equal(await el.getAttribute('data-qualifier'), goal.qualifier);
      const unit = (await el.locator('.goal-unit').textContent()).trim();
      assert.doesNotMatch(unit, /number|（家）|^count$/, `${goal.id}: ${unit}`);
      if (countWords[goal.unit]) assert.equal(unit, countWords[goal.unit][lang], `${goal.id} (${goal.unit})`);
    }
    // Qualifiers are words on the page, in the page's language.
    const text = await page.textContent('main');
    assert.match(text, lang === 'zh' ? /以上/ : /at least/);
    assert.match(text, lang === 'zh' ? /累计/ : /cumulative/);
    guard.assertClean(assert);
    await context.close();
  });
}

test('on a phone the targets fit the screen width (tables scroll inside their own box)', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { viewport: { width: 360, height: 740 } });
  await page.goto(`${server.url}#/targets`);
  await waitForApp(page);
  await page.waitForSelector('[data-testid="targets-screen"] svg');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page overflow ${overflow}px`);
  guard.assertClean(assert);
  await context.close();
});

test('on a phone in Chinese a target table keeps its metric names readable: several characters a line, units on one line', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { viewport: { width: 390, height: 844 } });
  await useLanguage(context, 'zh');
  await page.goto(`${server.url}#/targets`);
  await waitForApp(page);
  await page.waitForSelector('[data-testid="targets-screen"] table');
  const cells = await page.$$eval('.targets-table tbody tr', (rows) => rows.map((tr) => {
    const th = tr.querySelector('th[scope="row"]');
    const unit = tr.querySelector('td.unit');
    const range = document.createRange();
    range.selectNodeContents(unit);
    const unitLines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    const fontSize = parseFloat(getComputedStyle(th).fontSize);
    return { metric: tr.dataset.metric, charsPerLine: th.clientWidth / fontSize, unitLines };
  }));
  assert.ok(cells.length > 0);
  for (const c of cells) {
    assert.ok(c.charsPerLine >= 5, `${c.metric}: its name gets ${c.charsPerLine.toFixed(1)} characters a line`);
    assert.equal(c.unitLines, 1, `${c.metric}: its unit on one line`);
  }
  guard.assertClean(assert);
  await context.close();
});
