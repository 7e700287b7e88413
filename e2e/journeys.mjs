// Real-browser journeys and accessibility audits against a running Yiwang demo deployment.
//
// Drives Debian's Chromium (never a downloaded browser) with playwright-core, walks the journeys
// a citizen and a window clerk make, screenshots every page type at 375 px and 1280 px, and runs
// axe-core (WCAG 2.1 A and AA rules) on every page type in all three languages, in normal and
// extra-large text, and in high contrast. Any failed step or any axe violation fails the run.
//
// Environment: BASE_URL (default http://127.0.0.1:8080), CHROMIUM (default /usr/bin/chromium),
// SHOTS (screenshot folder, default ../artifacts/screenshots), DEMO_PASSWORD, TOTP_SECRETS
// (JSON {"username": "BASE32"} of demo staff, from the server's start banner).

import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { applyJourney } from './apply_journey.mjs';
import { assistJourney } from './assist_journey.mjs';
import { formBuilderJourney } from './form_builder_journey.mjs';
import { inquiryJourney } from './inquiry_journey.mjs';
import { publishingJourney } from './publishing_journey.mjs';
import { notifyJourney } from './notify_journey.mjs';
import { pushJourney } from './push_journey.mjs';
import { servicesJourney } from './services_journey.mjs';

const require = createRequire(import.meta.url);
const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const SHOTS = process.env.SHOTS ?? path.resolve(import.meta.dirname, '../artifacts/screenshots');
const PASSWORD = process.env.DEMO_PASSWORD ?? 'Guangan-demo-2026';
const SECRETS = JSON.parse(process.env.TOTP_SECRETS ?? '{}');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const LANGS = ['zh-Hans', 'zh-Hant', 'en'];

mkdirSync(SHOTS, { recursive: true });
const failures = [];
let steps = 0;

function step(name) {
  steps += 1;
  console.log(`  ✓ ${name}`);
}

function fail(message) {
  failures.push(message);
  console.log(`  ✗ ${message}`);
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

// RFC 6238 (SHA-1, 6 digits, 30 s) for the demo staff authenticators.
function totp(base32, offsetSteps = 0) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Math.floor(Date.now() / 1000 / 30) + offsetSteps;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = createHmac('sha1', key).update(msg).digest();
  const o = h[h.length - 1] & 15;
  const n = ((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).toString();
  return n.padStart(6, '0');
}

// GB 11643-1999 check character.
function idNumber(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function newPage(width = 375, lang = 'zh-CN') {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 812 : 900 }, locale: lang, javaScriptEnabled: true });
  const page = await context.newPage();
  openPages.push(page);
  return { context, page };
}

// Every page opened, so that a failed journey leaves a screenshot of where each one stood.
const openPages = [];

// Sets language, text size and contrast through the page's own settings form (as a person would).
async function setPrefs(page, lang, large, contrast = false) {
  await page.locator(`form.prefs button[name=lang][value="${lang}"]`).click();
  await page.locator(`form.prefs button[name=size][value="${large ? 'xl' : 'default'}"]`).click();
  await page.locator(`form.prefs button[name=contrast][value="${contrast ? 'high' : 'normal'}"]`).click();
}

const audited = new Map();

async function audit(page, label) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  audited.set(label, (audited.get(label) ?? 0) + 1);
  for (const v of result.violations) {
    const nodes = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    fail(`axe ${label}: ${v.id} (${v.impact}) ${v.help} — ${nodes}`);
  }
}

// Every page type of `urls` in three languages × normal/large text, screenshots at 375/1280.
async function auditAll(page, urls, screenshotWidths = true) {
  for (const lang of LANGS) {
    for (const large of [false, true]) {
      await page.goto(BASE + '/');
      await setPrefs(page, lang, large);
      for (const [name, url] of urls) {
        const res = await page.goto(BASE + url);
        if (!res || res.status() >= 500) fail(`${name} ${url} answered ${res?.status()}`);
        const htmlLang = await page.getAttribute('html', 'lang');
        if (htmlLang !== lang) fail(`${name} in ${lang}: html lang is ${htmlLang}`);
        await audit(page, `${name} [${lang}${large ? ' xl' : ''}]`);
        if (screenshotWidths && lang === 'zh-Hans') {
          await page.screenshot({ path: `${SHOTS}/${name}-${large ? 'xl-' : ''}375.png`, fullPage: true });
        }
      }
    }
  }
  // High contrast, with extra-large text, in Simplified Chinese.
  await page.goto(BASE + '/');
  await setPrefs(page, 'zh-Hans', true, true);
  for (const [name, url] of urls) {
    await page.goto(BASE + url);
    if (!(await page.getAttribute('html', 'class')).includes('hc')) fail(`${name}: high contrast not applied`);
    await audit(page, `${name} [zh-Hans xl hc]`);
    if (screenshotWidths) await page.screenshot({ path: `${SHOTS}/${name}-hc-375.png`, fullPage: true });
  }
  await setPrefs(page, 'zh-Hans', false, false);
  if (screenshotWidths) {
    const wide = await page.context().browser().newContext({ viewport: { width: 1280, height: 900 }, storageState: await page.context().storageState() });
    const p = await wide.newPage();
    for (const [name, url] of urls) {
      await p.goto(BASE + url);
      await p.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
    }
    await wide.close();
  }
}

async function readCode(phone) {
  const { context, page } = await newPage();
  for (let i = 0; i < 50; i++) {
    await page.goto(`${BASE}/dev/messages?phone=${phone}`);
    const text = await page.locator('main').innerText();
    const m = text.match(/(?<!\d)\d{6}(?!\d)/);
    if (m) {
      await context.close();
      return m[0];
    }
    await page.waitForTimeout(200);
  }
  await context.close();
  throw new Error(`no SMS code for ${phone}`);
}

async function run(name, fn) {
  console.log(name);
  try {
    await fn();
  } catch (e) {
    fail(`${name}: ${e.message.split('\n')[0]}`);
    const slug = name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60);
    for (const [i, p] of openPages.entries()) {
      if (p.isClosed()) continue;
      console.log(`    page ${i} was at ${p.url()}`);
      await p.screenshot({ path: `${SHOTS}/failed-${slug}-${i}.png`, fullPage: true }).catch(() => {});
    }
  }
  openPages.length = 0;
}

const phone = '139' + String(Date.now()).slice(-8);
// A person the demo's identity-provider sandbox knows (seed/identity/sandbox.tsv), so that
// verifying online succeeds as it would against the real service.
const NAME = '陈淑芬';
const id = idNumber('51160219600101006');
let citizen;

await run('A citizen registers, verifies a real name, switches to Traditional and large text, logs out and in', async () => {
  citizen = await newPage(375);
  const { page } = citizen;
  await page.goto(BASE + '/');
  expect((await page.title()).includes('一网通办'), 'home title');
  await page.getByRole('link', { name: '注册', exact: true }).first().click();
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '发送验证码' }).click();
  expect(await page.getByText('请输入短信验证码').isVisible(), 'step two shown');
  step('asked for an SMS code');
  const code = await readCode(phone);
  await page.getByLabel('短信验证码').fill(code);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('再输入一次密码').fill(PASSWORD);
  await page.getByRole('button', { name: '注册并登录' }).click();
  await page.waitForURL(/\/account\?welcome=1/);
  expect(await page.getByText('注册成功').isVisible(), 'welcome notice');
  step('registered and logged in');
  await page.getByRole('link', { name: '去实名认证' }).click();
  await page.getByLabel('姓名').fill(NAME);
  await page.getByLabel('身份证号').fill(id.slice(0, 17) + (id[17] === '0' ? '1' : '0'));
  await page.getByRole('button', { name: '网上核验' }).click();
  expect(await page.getByText('校验不通过').first().isVisible(), 'a wrong check character is explained');
  await page.getByLabel('身份证号').fill(id);
  await page.getByRole('button', { name: '网上核验' }).click();
  await page.waitForURL(/verified=1/);
  expect(await page.getByText('实名认证已完成').isVisible(), 'verified');
  step('verified the real name (after a typo)');
  await page.locator('form.prefs button[name=lang][value="zh-Hant"]').click();
  await page.locator('form.prefs button[name=size][value="xl"]').click();
  expect((await page.getAttribute('html', 'lang')) === 'zh-Hant', 'Traditional');
  expect((await page.getAttribute('html', 'class')).includes('xl'), 'large text');
  expect(await page.getByRole('heading', { name: /您好/ }).isVisible(), 'profile in Traditional');
  await page.screenshot({ path: `${SHOTS}/journey-profile-hant-xl-375.png`, fullPage: true });
  step('switched to Traditional and extra-large text');
  await page.getByRole('button', { name: '登出' }).click();
  await page.waitForURL(/\/account\/login\?out=1/);
  await page.getByLabel('手機號碼').fill(phone);
  await page.getByLabel('密碼').fill(PASSWORD);
  await page.getByRole('button', { name: '登入' }).click();
  await page.waitForURL(/\/account$/);
  expect((await page.getAttribute('html', 'class')).includes('xl'), 'large text remembered');
  step('logged out and in again; preferences remembered');
});

await run('A window clerk looks the citizen up; the citizen sees it in their access log', async () => {
  const secret = SECRETS.chuangkou;
  expect(secret, 'TOTP_SECRETS.chuangkou not given');
  const { page, context } = await newPage(1280);
  await page.goto(BASE + '/console/login');
  await page.getByLabel('用户名').fill('chuangkou');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByLabel('动态口令').fill(totp(secret, 1));
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/console$/);
  step('clerk logged in with an authenticator code');
  await page.getByRole('link', { name: '查询群众' }).click();
  await page.getByLabel('手机号或身份证号').fill(id);
  await page.getByLabel('查询事由').fill('窗口代办核对身份');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  // Found: the details open only on a second, deliberate step (a POST that is audited).
  await page.getByRole('button', { name: '查看详情' }).click();
  expect(await page.getByText(NAME).first().isVisible(), 'citizen details');
  step('found the citizen by ID number');
  await context.close();
  await citizen.page.goto(BASE + '/account/access-log');
  expect(await citizen.page.getByText('窗口代辦核對身份').or(citizen.page.getByText('窗口代办核对身份')).first().isVisible(), 'reason in the log');
  expect(await citizen.page.getByText('王窗口').first().isVisible(), 'clerk named');
  await citizen.page.screenshot({ path: `${SHOTS}/journey-access-log-375.png`, fullPage: true });
  step('the citizen sees who read their data, when and why');
});

await run('Search finds a department and its page', async () => {
  const { page, context } = await newPage(375);
  await page.goto(BASE + '/');
  await page.getByRole('searchbox').fill('民政');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('link', { name: '区民政局' }).click();
  expect(await page.getByRole('heading', { name: '区民政局' }).isVisible(), 'department page');
  step('search → department');
  await context.close();
});

await run('An older person asks 失业金怎么领 in extra-large text and finds what to bring and where to go', async () => {
  const { page, context } = await newPage(375);
  await page.goto(BASE + '/');
  await setPrefs(page, 'zh-Hans', true);
  await page.getByRole('link', { name: '办事', exact: true }).first().click();
  await page.getByRole('searchbox').fill('失业金怎么领');
  await page.getByRole('button', { name: '搜索' }).click();
  const first = page.locator('main ul.list > li a').first();
  expect((await first.innerText()).includes('失业保险金申领'), 'the right guide is the first result');
  await first.click();
  expect(await page.getByRole('heading', { name: '失业保险金申领', level: 1 }).isVisible(), 'guide page');
  expect(await page.getByRole('heading', { name: '要带什么' }).isVisible(), 'what to bring');
  expect(await page.getByText('居民身份证').first().isVisible(), 'a document to bring is listed');
  expect(await page.getByRole('heading', { name: '去哪里办' }).isVisible(), 'where to go');
  expect(await page.getByText(/网上办|在线办理|网上办理/).first().isVisible(), 'says how to apply (online or at the counter)');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  expect(!overflow, 'no sideways scrolling at 375 px in extra-large text');
  await page.screenshot({ path: `${SHOTS}/journey-guide-xl-375.png`, fullPage: true });
  step('失业金怎么领 → 失业保险金申领 guide, extra-large text, 375 px');
  await setPrefs(page, 'zh-Hant', true);
  await page.goto(BASE + '/services');
  await page.getByRole('searchbox').fill('失業金');
  await page.getByRole('button', { name: '搜尋' }).click();
  await page.locator('main ul.list > li a').first().click();
  expect(await page.getByRole('heading', { name: '失業保險金申領', level: 1 }).isVisible(), 'Traditional guide');
  expect(await page.getByRole('heading', { name: '要帶甚麼' }).isVisible(), 'what to bring, in Traditional');
  await page.screenshot({ path: `${SHOTS}/journey-guide-hant-xl-375.png`, fullPage: true });
  step('失業金 (Traditional) → the same guide in Traditional');
  await setPrefs(page, 'zh-Hans', false);
  await context.close();
});

await run('A shop owner scans the QR code on a counter and lands on the guide', async () => {
  const found = await (await fetch(`${BASE}/api/v1/search?q=${encodeURIComponent('烟草专卖零售许可证新办')}&kind=item&limit=1`)).json();
  expect(found.results.length === 1, 'the item exists');
  const res = await fetch(`${BASE}${found.results[0].url}/qr.png`);
  expect(res.headers.get('content-type') === 'image/png', 'a PNG');
  const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
  const data = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  const code = jsQR(data, png.width, png.height);
  expect(code && code.data.endsWith(found.results[0].url), `the QR code opens the guide (read: ${code?.data})`);
  const { page, context } = await newPage(375);
  await page.goto(code.data);
  expect(await page.getByRole('heading', { name: found.results[0].title, level: 1 }).isVisible(), 'guide after scanning');
  step('QR code decoded and opened the guide');
  await context.close();
});

await run('A department admin fixes a time limit; the guide and search show it at once', async () => {
  const secret = SECRETS.minzheng;
  expect(secret, 'TOTP_SECRETS.minzheng not given');
  const { page, context } = await newPage(1280);
  await page.goto(BASE + '/console/login');
  await page.getByLabel('用户名').fill('minzheng');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByLabel('动态口令').fill(totp(secret, 1));
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/console$/);
  const found = await (await fetch(`${BASE}/api/v1/search?q=${encodeURIComponent('中国内地公民婚姻登记')}&kind=item&limit=1`)).json();
  const item = found.results[0];
  expect(item.title === '中国内地公民婚姻登记', `marriage registration found first (got ${item.title})`);
  await page.goto(`${BASE}/console${item.url}`);
  await page.getByLabel('承诺时限').fill('1');
  await page.getByRole('button', { name: '预览' }).click();
  expect(await page.getByText('1 个工作日').first().isVisible(), 'the preview shows the new time limit');
  await page.getByRole('button', { name: '发布' }).first().click();
  await page.waitForURL(new RegExp(item.url.replace(/[/]/g, '\\/') + '$'));
  expect(await page.getByText('1 个工作日').first().isVisible(), 'the guide shows the new time limit at once');
  const again = await (await fetch(`${BASE}/api/v1/items/${item.id}`)).json();
  expect(again.guide.promised_days === 1 && again.version >= 2, 'the API has the new version');
  const search = await (await fetch(`${BASE}/api/v1/search?q=${encodeURIComponent('结婚登记')}&kind=item&limit=3`)).json();
  expect(search.results.some((r) => r.id === item.id), 'search still finds it');
  await page.screenshot({ path: `${SHOTS}/journey-admin-fixed-guide-1280.png`, fullPage: true });
  step('a department admin published a new time limit; guide, API and search agree');
  await context.close();
});

// The path of the newest entry of one of the site's Atom feeds (a published document).
async function firstEntry(feed) {
  const xml = await (await fetch(BASE + feed)).text();
  const m = xml.match(/<link rel="alternate" type="text\/html" href="[^"]*?(\/news\/[0-9a-f-]{36})"/);
  expect(m, `an entry in ${feed}`);
  return m[1];
}

await run('Accessibility of every public and citizen page type', async () => {
  const { page, context } = await newPage(375);
  const dept = await (await fetch(`${BASE}/api/v1/departments?per_page=1`)).json();
  const item = (await (await fetch(`${BASE}/api/v1/search?q=${encodeURIComponent('失业保险金申领')}&kind=item&limit=1`)).json()).results[0];
  const bare = (await (await fetch(`${BASE}/api/v1/items?per_page=1&topic=construction`)).json()).items[0];
  const group = (await (await fetch(`${BASE}/api/v1/search?q=${encodeURIComponent('企业设立、变更、注销登记')}&kind=item&limit=1`)).json()).results[0];
  const article = await firstEntry('/news/feed.atom');
  const policy = await firstEntry('/policies/feed.atom');
  const anon = [
    ['news', '/news'],
    ['news-column', '/news/c/notices'],
    ['news-article', article],
    ['policies', '/policies'],
    ['policy', policy],
    ['services', '/services'],
    ['items', '/items?subject=person&topic=employment'],
    ['guide', item.url],
    ['guide-unfilled', bare.url],
    ['guide-group', group.url],
    ['life-events', '/life-events'],
    ['life-event', '/life-events/family'],
    ['search-items', '/search?q=%E5%BC%80%E9%A5%AD%E5%BA%97&kind=item'],
    ['home', '/'],
    ['search', '/search?q=%E6%B0%91%E6%94%BF'],
    ['search-empty', '/search?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA'],
    ['departments', '/departments'],
    ['department', `/departments/${dept.items[0].id}`],
    ['region', '/regions/511602'],
    ['register', '/account/register'],
    ['login', '/account/login?next=/account'],
    ['reset', '/account/reset'],
    ['accessibility', '/help/accessibility'],
    ['dev-messages', `/dev/messages?phone=${phone}`],
    ['not-found', '/no/such/page'],
  ];
  await auditAll(page, anon);
  // Forms with their errors shown (error summary, invalid fields).
  await page.goto(BASE + '/account/register');
  await page.getByRole('button').filter({ hasText: /发送|發送|Send/ }).click();
  await audit(page, 'register-errors');
  await page.screenshot({ path: `${SHOTS}/register-errors-375.png`, fullPage: true });
  await context.close();
  step(`${anon.length} anonymous page types audited`);
  const mine = [
    ['account', '/account'],
    ['verify', '/account/verify'],
    ['password', '/account/password'],
    ['messages', '/account/messages'],
    ['access-log', '/account/access-log'],
    ['enterprises', '/account/enterprises'],
    ['subscriptions', '/account/subscriptions?column=notices'],
  ];
  await auditAll(citizen.page, mine);
  step(`${mine.length} citizen page types audited`);
});

await run('Accessibility of the staff console', async () => {
  const secret = SECRETS.admin;
  expect(secret, 'TOTP_SECRETS.admin not given');
  const { page, context } = await newPage(1280);
  await page.goto(BASE + '/console/login');
  await audit(page, 'console-login');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByLabel('动态口令').fill(totp(secret, 1));
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/console$/);
  const dept = await (await fetch(`${BASE}/api/v1/departments?per_page=1`)).json();
  const item = (await (await fetch(`${BASE}/api/v1/search?q=${encodeURIComponent('失业保险金申领')}&kind=item&limit=1`)).json()).results[0];
  const staffHref = await (await page.goto(BASE + '/console/staff'), page.locator('main table a').first().getAttribute('href'));
  const pages = [
    ['console', '/console'],
    ['console-departments', '/console/departments'],
    ['console-department-new', '/console/departments/new'],
    ['console-department-edit', `/console/departments/${dept.items[0].id}`],
    ['console-staff', '/console/staff'],
    ['console-staff-new', '/console/staff/new'],
    ['console-staff-show', staffHref],
    ['console-citizens', '/console/citizens'],
    ['console-audit', '/console/audit'],
    ['console-jobs', '/console/jobs'],
    ['console-clients', '/console/clients'],
    ['console-region', '/console/regions/511602001'],
    ['console-dev-messages', '/console/dev-messages'],
    ['console-items', '/console/items'],
    ['console-item-new', '/console/items/new'],
    ['console-item-edit', `/console${item.url}`],
    ['console-item-history', `/console${item.url}/history`],
    ['console-item-withdraw', `/console${item.url}/withdraw`],
    ['console-catalog', '/console/catalog'],
    ['console-aliases', '/console/aliases'],
    ['console-life-events', '/console/life-events'],
    ['console-life-event', '/console/life-events/family'],
    ['console-news', '/console/news'],
    ['console-news-new', '/console/news/new?column=policies'],
    ['console-news-doc', `/console${await firstEntry('/news/feed.atom')}`],
    ['console-news-edit', `/console${await firstEntry('/news/feed.atom')}/edit`],
  ];
  await auditAll(page, pages);
  await context.close();
  step(`${pages.length} console page types audited`);
});

const helpers = { BASE, SHOTS, PASSWORD, SECRETS, step, expect, run, newPage, setPrefs, audit, auditAll, totp };
await applyJourney(helpers, citizen);
await assistJourney(helpers, citizen, { phone, id });
await formBuilderJourney(helpers);
await inquiryJourney(helpers);
await publishingJourney(helpers);
await notifyJourney(helpers);
await pushJourney(helpers);
await servicesJourney(helpers, citizen);

await browser.close();
const runs = [...audited.values()].reduce((a, b) => a + b, 0);
console.log(`\n${steps} steps, ${audited.size} page variants audited (${runs} axe runs), screenshots in ${SHOTS}`);
if (failures.length) {
  console.log(`\n${failures.length} FAILURES:`);
  for (const f of failures) console.log('  - ' + f);
  process.exit(1);
}
console.log('all journeys passed; zero accessibility violations');
