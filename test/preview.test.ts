import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, ROOT, spawnServe, tempDir, type Child } from './server-helpers.js';
import { ensurePreviewBuilt } from './global-setup.js';

// The browser preview served by `dunlint serve` at `/`, driven in real headless Chromium (Debian's
// `chromium` package; .ci/run installs it) against the built CLI. Waits are on DOM states the page
// sets (body[data-state], body[data-checks]), never on fixed sleeps.

const CHROMIUM = process.env.DUNLINT_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`test/preview.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set DUNLINT_CHROMIUM)`);

const THREAT_SMS = '【XX银行】再不还钱就上门，后果自负。';
const COMPLIANT_SMS = '【XX银行】您尾号1234的信用卡已逾期5天，应还2,356.40元，请于12月8日前还款。';
const ARTIFACTS = join(ROOT, 'test', 'artifacts');

/** Resolves once the page has applied a check newer than `after` and has nothing pending. */
async function checked(page: Page, after: number): Promise<number> {
  await page.waitForFunction((n) => document.body.dataset.state === 'idle' && Number(document.body.dataset.checks) > n, after, { timeout: 10_000 });
  return checks(page);
}
const checks = (page: Page) => page.evaluate(() => Number(document.body.dataset.checks ?? 0));

const suite = HAVE_CHROMIUM ? describe : describe.skip;

suite(`browser preview${HAVE_CHROMIUM ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, { timeout: 30_000 }, () => {
  const tmp = tempDir('dunlint-preview-');
  let server: Child;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    ensurePreviewBuilt();
    [server, browser] = await Promise.all([
      spawnServe(['--no-auth', '--workers', '1', '--ledger', 'off'], { cwd: tmp.dir }),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
    base = `http://127.0.0.1:${server.port}`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'UTC', reducedMotion: 'reduce' });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => void (m.type() === 'error' && pageErrors.push(m.text())));
    page.on('request', (r) => void (!r.url().startsWith(base) && !r.url().startsWith('data:') && foreignRequests.push(r.url())));
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.proc.exitCode === null) {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
    tmp.cleanup();
  });

  it('is served as static files with their content types, and the page works offline', async () => {
    const index = await call(base, 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const assets = [...(index.body as string).matchAll(/(?:src|href)="\.?(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const a of assets) {
      const r = await fetch(base + a);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe(a.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
      expect(r.headers.get('cache-control')).toContain('immutable');
    }
    expect((await call(base, 'GET', '/no-such-page')).body.error.code).toBe('not_found');
    // Every control has a label; the verdict is a live region; the editor is labelled.
    const unlabelled = await page.$$eval('input, select', (els) => els.filter((e) => !(e as HTMLInputElement).labels?.length).map((e) => e.id));
    expect(unlabelled).toEqual([]);
    expect(await page.getAttribute('#verdict', 'aria-live')).toBe('polite');
    expect(await page.getAttribute('.cm-content', 'aria-labelledby')).toBe('editor-label');
    expect(foreignRequests).toEqual([]);
  });

  it('keyboard: Tab goes from the settings into the editor', async () => {
    await page.focus('#timezone');
    await page.keyboard.press('Tab'); // the API key disclosure
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
  });

  it('underlines a threatening Chinese SMS as you type and lists it under threat', async () => {
    const before = await checks(page);
    await page.click('.cm-content');
    await page.keyboard.type(THREAT_SMS);
    await checked(page, before);

    await expect.poll(() => page.locator('.cm-lintRange-error.dl-rule-threat-visit').count()).toBeGreaterThan(0);
    expect(await page.locator('.cm-lintRange-error.dl-rule-threat-visit').first().innerText()).toBe('上门');
    const group = page.locator('#findings section.group[data-category="threat"]');
    await expect.poll(() => group.count()).toBe(1);
    expect(await group.locator('h3 .count').innerText()).toBe('2');
    expect(await group.locator('li[data-rule="threat/visit"]').count()).toBe(1);
    expect(await group.locator('li[data-rule="threat/veiled"]').count()).toBe(1);
    // The interface follows the message's locale (zh) and states the verdict in words.
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('block');
    expect(await page.innerText('#verdict-badge')).toBe('禁止发送');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.innerText('#sms-count')).toContain('19 / 70');
    expect(await page.getAttribute('#sms-count', 'data-segments')).toBe('1');
    // F8 steps to the first phrase finding and marks it in the list.
    await page.keyboard.press('F8');
    expect(await page.evaluate(() => getSelection()?.toString())).toBe('上门');
    expect(await page.getAttribute('#findings li.current', 'data-rule')).toBe('threat/visit');
  });

  it('shows a hover card with the citation, and the Remove fix makes the finding go', async () => {
    const api = await call(base, 'POST', '/v1/check', { text: THREAT_SMS, channel: 'sms', context: { recipient: 'debtor' } });
    const citation = (api.body.findings as { ruleId: string; citation: string }[]).find((f) => f.ruleId === 'threat/visit')!.citation;

    await page.locator('.dl-rule-threat-visit').first().hover();
    const card = page.locator('.cm-tooltip-lint');
    await card.waitFor({ state: 'visible' });
    expect(await card.innerText()).toContain(citation);
    expect(await card.locator('.dl-card[data-rule="threat/visit"]').count()).toBe(1);

    const before = await checks(page);
    await card.locator('.dl-fix-remove').click();
    await checked(page, before);
    expect(await page.innerText('.cm-content')).toBe('【XX银行】再不还钱就，后果自负。');
    expect(await page.locator('#findings li[data-rule="threat/visit"]').count()).toBe(0);
    expect(await page.locator('.dl-rule-threat-visit').count()).toBe(0);
    // The other threat (no mechanical fix) stays.
    expect(await page.locator('#findings li[data-rule="threat/veiled"]').count()).toBe(1);
    expect(await page.innerText('#findings section[data-category="threat"] h3 .count')).toBe('1');
  });

  it('a 22:30 send time in Asia/Shanghai blocks with contact-timing and shows nextAllowedAt', async () => {
    let n = await checks(page);
    await page.click('.cm-content');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(COMPLIANT_SMS);
    n = await checked(page, n);
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('allow');
    expect(await page.isHidden('#next-allowed')).toBe(true);

    await page.fill('#send-at', '2026-03-10T22:30');
    await page.fill('#timezone', 'Asia/Shanghai');
    n = await checked(page, n);
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('block');
    expect(await page.innerText('#verdict-badge')).toBe('禁止发送');
    const timing = page.locator('#findings section[data-category="contact-timing"] li[data-rule="contact-timing/hours"]');
    expect(await timing.count()).toBe(1);
    expect(await timing.innerText()).toContain('22:30');
    expect(await page.isVisible('#next-allowed')).toBe(true);
    expect(await page.innerText('#next-allowed')).toContain('2026-03-11 08:00');
    expect(await page.getAttribute('#next-allowed time', 'datetime')).toBe('2026-03-11T08:00:00+08:00');
    // The zero-length finding at offset 0 is visible in the text as a marker.
    expect(await page.isVisible('.cm-lintPoint-error')).toBe(true);

    // "Use this send time" moves the send to nextAllowedAt, and the block lifts.
    await page.click('#use-time');
    expect(await page.inputValue('#send-at')).toBe('2026-03-11T08:00');
    await checked(page, n);
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('allow');
    expect(await page.isHidden('#next-allowed')).toBe(true);
  });

  it('switches the interface language, and "auto" follows the message again', async () => {
    await page.selectOption('#ui-lang', 'en');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.innerText('#findings-heading')).toContain('Findings');
    expect(await page.innerText('label[for="channel"]')).toBe('Channel');
    expect(await page.innerText('#verdict-badge')).toBe('Allow');

    await page.selectOption('#ui-lang', 'zh');
    await expect.poll(() => page.innerText('#findings-heading')).toContain('检查结果');
    expect(await page.innerText('label[for="channel"]')).toBe('渠道');

    await page.selectOption('#ui-lang', 'auto');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('zh-CN'); // the message is Chinese
    await page.selectOption('#ui-lang', 'en');
  });

  it('saves a screenshot (test/artifacts/preview.png)', async () => {
    let n = await checks(page);
    await page.fill('#send-at', '2026-03-10T22:30');
    await page.click('.cm-content');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(THREAT_SMS);
    n = await checked(page, n);
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('block');
    await page.locator('.dl-rule-threat-visit').first().hover();
    await page.locator('.cm-tooltip-lint').waitFor({ state: 'visible' });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'preview.png') });
    expect(statSync(join(ARTIFACTS, 'preview.png')).size).toBeGreaterThan(10_000);
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
