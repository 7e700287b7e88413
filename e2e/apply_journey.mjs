// The applications journey of issue 4, as people would live it: a citizen on a phone applies
// for 失业保险金申领, loses the connection mid-form and finds what they typed kept, submits,
// follows progress, is returned for a missing document, supplements it, is approved, receives
// the certificate, verifies it by scanning its QR code on another device, and rates the service;
// anyone follows the case with its receipt number and code; staff work it from their queue.
// Every page type on the way is audited with axe (three languages, normal and large text).

import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const SMALL_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

// A code is accepted once: a second login of the same person waits for the next 30 s window.
const lastStep = new Map();

export async function staffLogin(h, username, width = 1280) {
  const secret = h.SECRETS[username];
  h.expect(secret, `TOTP_SECRETS.${username} not given`);
  const stepNow = () => Math.floor(Date.now() / 30000);
  if (lastStep.get(username) === stepNow()) {
    await new Promise((r) => setTimeout(r, 30000 - (Date.now() % 30000) + 500));
  }
  lastStep.set(username, stepNow());
  const s = await h.newPage(width);
  await s.page.goto(h.BASE + '/console/login');
  await s.page.getByLabel('用户名').fill(username);
  await s.page.getByLabel('密码').fill(h.PASSWORD);
  await s.page.getByLabel('动态口令').fill(h.totp(secret, 1));
  await s.page.getByRole('button', { name: '登录' }).click();
  await s.page.waitForURL(/\/console$/);
  return s;
}

// Submits the form of one action on the console's case page.
async function staffAct(page, action, fill = async () => {}) {
  const form = page.locator(`form:has(input[name="action"][value="${action}"])`);
  await fill(form);
  await form.locator('button[type=submit]').click();
  await page.waitForURL(/done=1/);
}

export async function applyJourney(h, citizen) {
  const { BASE, SHOTS, step, expect } = h;
  const { page, context } = citizen;
  let caseId;
  let receipt;
  let code;
  let itemId;

  await h.run('A citizen applies for 失业保险金申领 on a phone and keeps what they typed through a lost connection', async () => {
    await page.goto(BASE + '/');
    await h.setPrefs(page, 'zh-Hans', false);
    const found = await (await fetch(`${BASE}/api/v1/search?q=${encodeURIComponent('失业保险金申领')}&kind=item&limit=1`)).json();
    itemId = found.results[0].id;
    await page.goto(BASE + found.results[0].url);
    await page.getByRole('link', { name: '在线申请' }).click();
    await page.waitForURL(/\/apply$/);
    expect(await page.getByText('来自您的实名信息').first().isVisible(), 'prefilled from the verified identity');
    await page.screenshot({ path: `${SHOTS}/journey-apply-tasks-375.png`, fullPage: true });
    step('the guide offers the online form; the task list shows what is filled in already');

    await page.getByRole('link', { name: '申请人' }).click();
    await page.locator('select[name="residence.region"]').selectOption({ index: 1 });
    await page.locator('[name="residence.detail"]').fill('浓洄街道幸福路8号');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.waitForURL(/\/apply\/job_loss$/);
    step('section 1: address picked from the region tree');

    await page.locator('[name="last_employer"]').fill('广安某某机械有限公司');
    // Wait for the page's script to keep the answer in the browser, then lose the connection.
    await page.waitForTimeout(800);
    await context.setOffline(true);
    await page.getByRole('button', { name: '保存并继续' }).click().catch(() => {});
    await page.waitForTimeout(500);
    await context.setOffline(false);
    await page.goto(`${BASE}/items/${itemId}/apply/job_loss`);
    expect(await page.getByText('已恢复您上次未保存的内容').isVisible(), 'the typed answer is recovered');
    expect((await page.locator('[name="last_employer"]').inputValue()) === '广安某某机械有限公司', 'the employer is back');
    await page.screenshot({ path: `${SHOTS}/journey-apply-recovered-375.png`, fullPage: true });
    step('lost the connection mid-form; back online, what was typed is restored');

    await page.locator('[name="separation_date"]').fill('2026-10-30');
    await page.locator('input[name="separation_reason"][value="contract_expired"]').check();
    await page.locator('input[name="unemployment_registered"][value="yes"]').check();
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.waitForURL(/\/apply\/payment$/);
    await page.locator('input[name="payout_method"][value="social_security_card"]').check();
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.waitForURL(/\/apply\/documents$/);
    await page.getByRole('button', { name: '保存并继续' }).click();
    expect(await page.locator('.error-summary').isVisible(), 'the promise is required: error summary');
    await h.audit(page, 'apply-section-errors');
    for (const box of await page.locator('input[name="declaration"]').all()) await box.check();
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.waitForURL(/\/apply\/check$/);
    await page.screenshot({ path: `${SHOTS}/journey-apply-check-375.png`, fullPage: true });
    step('every section filled; check your answers');

    // What the submit button sends, to send it once more afterwards as a double click would.
    const sent = await page
      .locator('form:has(button:text("提交申请"))')
      .evaluate((f) => Object.fromEntries(new FormData(f).entries()));
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/account\/cases\/[0-9a-f-]+\/done$/);
    caseId = page.url().split('/').at(-2);
    const tokens = await page.locator('.token').allInnerTexts();
    [receipt, code] = tokens.map((t) => t.trim());
    expect(/^\d{8}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(receipt), `receipt number ${receipt}`);
    expect(/^\d{6}$/.test(code), 'verification code');
    await page.screenshot({ path: `${SHOTS}/journey-apply-done-375.png`, fullPage: true });
    step(`submitted: receipt ${receipt} on the confirmation page`);
    const again = await page.request.post(`${BASE}/items/${itemId}/apply/submit`, { form: sent, maxRedirects: 0 });
    expect(again.status() === 303 && again.headers().location === `/account/cases/${caseId}/done`, `the second press answered ${again.status()} ${again.headers().location}`);
    const list = await (await page.request.get(`${BASE}/api/v1/me/cases`)).json();
    expect(list.total === 1, `one case, not ${list.total}`);
    step('a second press of 提交申请 with the same form opens the same case, not a second one');
  });

  await h.run('Staff return it for a missing document; the citizen supplements; it is approved', async () => {
    expect(caseId, 'no case from the previous journey');
    const clerk = await staffLogin(h, 'shenhe');
    await clerk.page.goto(BASE + '/console/cases');
    await clerk.page.getByRole('link', { name: receipt }).click();
    await staffAct(clerk.page, 'accept');
    await staffAct(clerk.page, 'return', async (f) => {
      await f.locator('textarea[name="missing"]').fill('单位出具的解除或终止劳动关系证明\n本人社会保障卡复印件');
    });
    step('reviewer accepted it, then returned it with everything missing listed at once');

    await page.goto(`${BASE}/account/cases/${caseId}`);
    expect(await page.getByText('本人社会保障卡复印件').first().isVisible(), 'the one-time notice lists what is missing');
    await page.screenshot({ path: `${SHOTS}/journey-case-returned-375.png`, fullPage: true });
    await page.getByRole('link', { name: '去补正' }).click();
    await page.screenshot({ path: `${SHOTS}/journey-case-supplement-375.png`, fullPage: true });
    await h.audit(page, 'case-supplement');
    await page.locator('input[type=file][name="termination_proof"]').setInputFiles({ name: '解除劳动关系证明.pdf', mimeType: 'application/pdf', buffer: SMALL_PDF });
    await page.getByRole('button', { name: '提交补正' }).click();
    await page.waitForURL(new RegExp(`/account/cases/${caseId}\\?done=supplement`));
    step('the citizen uploaded the missing document and sent the correction');

    await clerk.page.goto(`${BASE}/console/cases/${caseId}`);
    await staffAct(clerk.page, 'advance');
    await clerk.context.close();
    const head = await staffLogin(h, 'renshe');
    await head.page.goto(`${BASE}/console/cases/${caseId}`);
    // Approving decides the benefit: the amount and the months go on the certificate.
    await staffAct(head.page, 'approve', async (f) => {
      await f.getByLabel(/每月失业保险金/).fill('1850');
      await f.getByLabel(/领取期限/).fill('12');
    });
    await staffAct(head.page, 'deliver', async (f) => {
      await f.locator('select[name="method"]').selectOption('electronic');
    });
    await head.page.screenshot({ path: `${SHOTS}/journey-console-case-1280.png`, fullPage: true });
    await head.context.close();
    step('reviewed, approved by the department, delivered electronically');
  });

  await h.run('The citizen receives the certificate, verifies it on another device, rates the service', async () => {
    await page.goto(BASE + '/account/certificates');
    await page.getByRole('link', { name: '查看证照' }).first().click();
    await page.waitForURL(/\/account\/certificates\/[0-9a-f-]+$/);
    await page.screenshot({ path: `${SHOTS}/journey-certificate-375.png`, fullPage: true });
    const shot = await page.locator('img.qr').screenshot();
    const png = PNG.sync.read(shot);
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(qr && qr.data.includes('/verify?id='), `the QR code holds the verification address: ${qr?.data}`);
    const other = await h.newPage(375);
    await other.page.goto(qr.data);
    expect(await other.page.getByText('有效').first().isVisible(), 'verified as valid on another device');
    await other.page.screenshot({ path: `${SHOTS}/journey-verify-375.png`, fullPage: true });
    await other.context.close();
    step('scanned the QR code on another device: the certificate verifies as valid');

    await page.goto(`${BASE}/account/cases/${caseId}`);
    await page.locator('input[name="level"][value="5"]').check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForURL(/done=rated/);
    step('rated the service 非常满意');

    const anon = await h.newPage(375);
    await anon.page.goto(BASE + '/track');
    await anon.page.locator('[name="receipt"]').fill(receipt.toLowerCase());
    await anon.page.locator('[name="code"]').fill(code);
    await anon.page.locator('main form button[type=submit]').click();
    expect(await anon.page.getByText(receipt).first().isVisible(), 'progress by receipt and code');
    await anon.page.screenshot({ path: `${SHOTS}/journey-track-375.png`, fullPage: true });
    await anon.context.close();
    step('anyone with the receipt number and code follows the case without logging in');

    const mine = [
      ['apply-tasks', `/items/${itemId}/apply`],
      ['apply-section', `/items/${itemId}/apply/applicant`],
      ['apply-check', `/items/${itemId}/apply/check`],
      ['apply-done', `/account/cases/${caseId}/done`],
      ['my-cases', '/account/cases'],
      ['my-case', `/account/cases/${caseId}`],
      ['wallet', '/account/certificates'],
      ['track', '/track'],
      ['verify', '/verify'],
    ];
    await h.auditAll(page, mine, false);
    step(`${mine.length} application page types audited`);
  });

  await h.run('Accessibility of the staff case pages', async () => {
    const s = await staffLogin(h, 'shenhe');
    await h.auditAll(s.page, [
      ['console-cases', '/console/cases'],
      ['console-case', `/console/cases/${caseId}`],
    ], false);
    await s.context.close();
    const sup = await staffLogin(h, 'duban');
    await h.auditAll(sup.page, [['console-overdue', '/console/overdue']], false);
    await sup.context.close();
    const admin = await staffLogin(h, 'admin');
    await h.auditAll(admin.page, [['console-calendar', '/console/calendar']], false);
    await admin.context.close();
    step('queue, case, overdue board and calendar audited');
  });
}
