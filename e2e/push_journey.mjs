// Web Push and 消息设置 (NOTIF-1), end to end against a real push service: web-push-testing (npm,
// the mock push service that checks the VAPID JWT against the subscription's
// applicationServerKey and decrypts the RFC 8291 aes128gcm payload with the subscription's
// private key) stands in for FCM, which headless Chromium cannot reach. The demo citizen, on a
// 375 px phone, opens 消息设置 (audited with axe), turns push on for a device (a web-push-testing
// subscription for the server's VAPID key, registered from the page as push.js would, with the
// page's CSRF token) and sees it listed; 给我的设备发一条测试通知 reaches the push service,
// decrypted, as 测试通知. Quiet hours that start and end at the same hour are refused with an
// error summary (audited); choosing only 突发事件预警 by push is saved. After 不再推送到这台设备
// the device gets nothing more, and forgetting an endpoint the server does not know answers 404.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const CITIZEN_PHONE = '13800000000';
const WPT_SERVER = path.join(import.meta.dirname, 'node_modules/web-push-testing/src/bin/server.js');

// Whether the page scrolls sideways (it must not, at 375 px).
const overflows = (page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

// A TCP port nobody listens on now.
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts web-push-testing on a free port; returns { url, stop }. `stop` ends only that process.
async function startPushService() {
  const port = await freePort();
  const child = spawn(process.execPath, [WPT_SERVER, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = null;
  child.once('exit', (code, signal) => (exited = signal ?? code));
  const url = `http://localhost:${port}`;
  const stop = () => {
    if (exited === null) child.kill('SIGTERM');
  };
  for (let i = 0; i < 100; i++) {
    if (exited !== null) throw new Error(`web-push-testing exited (${exited}) during start: ${output.trim().slice(-300)}`);
    try {
      if ((await fetch(`${url}/status`, { method: 'POST' })).status === 200) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`web-push-testing did not answer on ${url} within 10 s: ${output.trim().slice(-300)}`);
}

// POSTs JSON to web-push-testing and returns its `data`; throws with its error otherwise.
async function wpt(service, route, body) {
  const res = await fetch(service.url + route, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`web-push-testing ${route} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text).data;
}

// The messages web-push-testing received for a subscription and decrypted, oldest first.
const received = async (service, clientHash) => (await wpt(service, '/get-notifications', { clientHash })).messages;

// Waits up to `ms` for more than `count` messages; all messages then (fewer when none came).
async function waitForMessages(service, clientHash, count, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const messages = await received(service, clientHash);
    if (messages.length > count || Date.now() > end) return messages;
    await new Promise((r) => setTimeout(r, 250));
  }
}

// A push message's payload as JSON (fails loudly when it is not JSON).
function payload(expect, message) {
  let json;
  try {
    json = JSON.parse(message);
  } catch {
    expect(false, `the pushed payload is not JSON: ${message.slice(0, 200)}`);
  }
  return json;
}

// Calls the push API from inside the page (same origin, its session cookie) with the page's CSRF
// token, as push.js does; `csrf: false` leaves the token out. Returns { status, body }.
function api(page, method, route, body, { csrf = true } = {}) {
  return page.evaluate(
    async ({ method, route, body, csrf }) => {
      const headers = { 'Content-Type': 'application/json' };
      if (csrf) {
        const token = document.querySelector('#push-setup')?.dataset.csrf || document.querySelector('input[name="_csrf"]')?.value;
        if (!token) return { status: 0, body: 'no CSRF token on the page' };
        headers['X-CSRF-Token'] = token;
      }
      const res = await fetch(route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: await res.text() };
    },
    { method, route, body, csrf },
  );
}

export async function pushJourney(h) {
  const { BASE, SHOTS, step, expect } = h;
  let service; // web-push-testing
  let citizen; // the demo citizen on a 375 px phone
  let device; // { subscription, clientHash } of the registered device

  try {
    await h.run('A citizen on a phone turns push on for a device; a test notification reaches the push service', async () => {
      service = await startPushService();
      step(`web-push-testing 1.2.2 listening on ${service.url}`);

      citizen = await h.newPage(375);
      const { page } = citizen;
      await page.goto(BASE + '/account/login?next=/account');
      await page.getByLabel('手机号码').fill(CITIZEN_PHONE);
      await page.getByLabel('密码').fill(h.PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(/\/account$/);
      await page.goto(BASE + '/account/notifications');
      expect(await page.getByRole('heading', { name: '消息设置', level: 1 }).isVisible(), 'the page 消息设置');
      expect(await page.getByRole('heading', { name: '接收推送的设备', level: 2 }).isVisible(), 'a heading for the devices');
      expect(await page.getByText('还没有设备开通推送。').isVisible(), 'no device yet');
      expect(!(await page.getByRole('button', { name: '给我的设备发一条测试通知' }).count()), 'no test button without a device');
      expect(!(await overflows(page)), 'no sideways scrolling at 375 px');
      await h.audit(page, 'account-notifications');
      await page.screenshot({ path: `${SHOTS}/journey-push-settings-375.png`, fullPage: true });
      step('logged in and opened 消息设置: no device yet, no test button (audited)');

      const { publicKey } = await (await fetch(`${BASE}/api/v1/push/vapid-public-key`)).json();
      expect(typeof publicKey === 'string' && /^[A-Za-z0-9_-]{87}$/.test(publicKey), `a VAPID public key, unpadded base64url (got ${publicKey})`);
      expect((await page.locator('#push-setup').getAttribute('data-key')) === publicKey, 'the page offers the same VAPID key as the API');
      const sub = await wpt(service, '/subscribe', { applicationServerKey: publicKey, userVisibleOnly: 'true' });
      device = { subscription: { endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }, clientHash: sub.clientHash };

      const forged = await api(page, 'POST', '/api/v1/push/subscriptions', device.subscription, { csrf: false });
      expect(forged.status === 403, `subscribing without the CSRF token is refused with 403 (got ${forged.status}: ${forged.body.slice(0, 200)})`);
      const added = await api(page, 'POST', '/api/v1/push/subscriptions', device.subscription);
      expect(added.status === 201, `subscribing answered 201 (got ${added.status}: ${added.body.slice(0, 200)})`);
      await page.reload();
      const devices = page.locator('h2#devices + ul.list > li');
      expect((await devices.count()) === 1, `one device listed (got ${await devices.count()})`);
      expect(await devices.getByRole('button', { name: '不再推送到这台设备' }).isVisible(), 'the device has its 不再推送到这台设备 button');
      expect(!(await page.getByText('还没有设备开通推送。').count()), 'no longer says there is no device');
      const pushBox = page.locator('label.check', { has: page.locator('input[value="cases.push"]') });
      expect(!(await pushBox.innerText()).includes('暂不可用'), 'push is no longer marked 暂不可用 once a device has it');
      step(`a web-push-testing subscription for the server's VAPID key: refused without the CSRF token (403), registered with it (201) and listed after a reload (${(await devices.locator('strong').innerText()).trim()})`);

      await page.getByRole('button', { name: '给我的设备发一条测试通知' }).click();
      await page.waitForURL(/\/account\/notifications\?tested=1$/);
      expect(await page.getByText('测试通知已发出').isVisible(), 'told the test notification is on its way');
      const sentAt = Date.now();
      const messages = await waitForMessages(service, device.clientHash, 0, 20_000);
      expect(messages.length === 1, `one message reaches the push service within 20 s (got ${messages.length}; none means the server did not send, or web-push-testing refused the VAPID JWT or the aes128gcm payload)`);
      const test = payload(expect, messages[0]);
      expect(test.title === '测试通知', `the message's title is 测试通知 (got ${JSON.stringify(test.title)})`);
      expect(typeof test.body === 'string' && test.body.trim().length > 0, `the message has a body (got ${JSON.stringify(test.body)})`);
      expect(typeof test.url === 'string' && test.url.startsWith('/'), `the message opens a page of the site (url ${JSON.stringify(test.url)})`);
      await page.screenshot({ path: `${SHOTS}/journey-push-tested-375.png`, fullPage: true });
      step(`给我的设备发一条测试通知: decrypted by web-push-testing ${((Date.now() - sentAt) / 1000).toFixed(1)} s later: ${messages[0].slice(0, 80)}…`);
      await h.auditAll(page, [['account-notifications', '/account/notifications']]);
      step('消息设置 with a device audited (three languages, normal and large text, high contrast)');
    });

    await h.run('The citizen chooses 突发事件预警 by push only; equal quiet hours are refused', async () => {
      expect(citizen && device, 'no citizen with a device from the previous journey');
      const { page } = citizen;
      await page.goto(BASE + '/account/notifications');
      await page.getByLabel('开始', { exact: true }).selectOption('7');
      await page.getByLabel('结束', { exact: true }).selectOption('7');
      await page.getByRole('button', { name: '保存设置' }).click();
      await page.waitForLoadState();
      const summary = page.locator('.error-summary');
      expect(await summary.isVisible(), 'equal quiet hours are refused with an error summary');
      expect((await summary.innerText()).includes('免打扰的开始和结束时间不能相同。'), `the summary says why (${(await summary.innerText()).trim()})`);
      expect(await page.locator('#f-quiet_to-error').isVisible(), 'and 结束 says why');
      await summary.getByRole('link', { name: '免打扰的开始和结束时间不能相同。' }).click();
      expect(await page.evaluate(() => document.activeElement?.id === 'f-quiet_to'), 'the summary leads to 结束');
      await h.audit(page, 'account-notifications-errors');
      await page.screenshot({ path: `${SHOTS}/journey-push-settings-errors-375.png`, fullPage: true });
      step('免打扰 07:00–07:00: refused; the summary leads to 结束 (audited)');

      await page.goto(BASE + '/account/notifications');
      const boxes = page.locator('#f-channels input[type=checkbox][name=on]');
      const values = await boxes.evaluateAll((all) => all.map((b) => b.value));
      expect(values.includes('alerts.push') && values.length > 1, `channels to choose from (${values.join(' ')})`);
      for (const value of values) await page.locator(`#f-channels input[value="${value}"]`).setChecked(value === 'alerts.push');
      await page.getByLabel('开始', { exact: true }).selectOption('');
      await page.getByLabel('结束', { exact: true }).selectOption('');
      await page.getByRole('button', { name: '保存设置' }).click();
      await page.waitForURL(/\/account\/notifications\?saved=1$/);
      expect(await page.getByText('已保存。').isVisible(), 'told it is saved');
      const chosen = await boxes.evaluateAll((all) => all.filter((b) => b.checked).map((b) => b.value));
      expect(chosen.length === 1 && chosen[0] === 'alerts.push', `only alerts.push is chosen after saving (got ${chosen.join(' ') || 'none'})`);
      await page.screenshot({ path: `${SHOTS}/journey-push-settings-saved-375.png`, fullPage: true });
      step(`unchecked all ${values.length - 1} other channels, kept 突发事件预警 · 推送: 已保存。 and remembered`);
    });

    await h.run('The citizen stops pushes to the device; nothing more arrives; an unknown endpoint is 404', async () => {
      expect(citizen && device, 'no citizen with a device from the first journey');
      const { page } = citizen;
      await page.goto(BASE + '/account/notifications');
      // The same trigger as below, while the device is there: it must arrive, so that nothing
      // arriving after the removal means something.
      let before = (await received(service, device.clientHash)).length;
      const sent = await api(page, 'POST', '/api/v1/push/test');
      expect(sent.status === 202, `POST /api/v1/push/test answered 202 (got ${sent.status}: ${sent.body.slice(0, 200)})`);
      const more = await waitForMessages(service, device.clientHash, before, 20_000);
      expect(more.length === before + 1, `the API's test message reaches the device within 20 s (${before} → ${more.length})`);
      expect(payload(expect, more.at(-1)).title === '测试通知', `it is the test notification (${more.at(-1).slice(0, 120)})`);
      step('POST /api/v1/push/test (202) with the device there: one more 测试通知 arrives');

      await page.locator('h2#devices + ul.list > li').getByRole('button', { name: '不再推送到这台设备' }).click();
      await page.waitForURL(/\/account\/notifications\?removed=1$/);
      expect(await page.getByText('这台设备不会再收到推送。').isVisible(), 'told the device gets no more pushes');
      expect(await page.getByText('还没有设备开通推送。').isVisible(), 'no device listed');
      expect(!(await page.getByRole('button', { name: '给我的设备发一条测试通知' }).count()), 'no test button without a device');
      await page.screenshot({ path: `${SHOTS}/journey-push-device-removed-375.png`, fullPage: true });
      step('不再推送到这台设备: the device is gone from the list, and the test button with it');

      before = (await received(service, device.clientHash)).length;
      const again = await api(page, 'POST', '/api/v1/push/test');
      expect(again.status === 202, `POST /api/v1/push/test answered 202 (got ${again.status}: ${again.body.slice(0, 200)})`);
      const after = await waitForMessages(service, device.clientHash, before, 3_000);
      expect(after.length === before, `no message reaches the removed device (${after.length - before} arrived: ${after.slice(before).join(' | ').slice(0, 200)})`);
      step('POST /api/v1/push/test again: nothing reaches the removed device in 3 s');

      const gone = await api(page, 'DELETE', '/api/v1/push/subscriptions', { endpoint: device.subscription.endpoint });
      expect(gone.status === 404, `forgetting the removed device's endpoint answers 404 (got ${gone.status}: ${gone.body.slice(0, 200)})`);
      const unknown = `${service.url}/notify/${'0'.repeat(64)}`;
      const never = await api(page, 'DELETE', '/api/v1/push/subscriptions', { endpoint: unknown });
      expect(never.status === 404, `forgetting an endpoint never registered answers 404 (got ${never.status}: ${never.body.slice(0, 200)})`);
      step('DELETE /api/v1/push/subscriptions for the removed endpoint and for one never registered: 404 each');
      await citizen.context.close();
    });
  } finally {
    service?.stop();
  }
}
