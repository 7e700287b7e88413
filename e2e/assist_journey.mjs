// At the counter (issue 4, APP-8): a window clerk of 区卫健局 applies for an elderly citizen's
// 老年人优待证. The clerk types the citizen's ID number; the citizen's phone gets a code naming
// the clerk and the item; the citizen reads it out; the clerk fills and submits the form,
// which the rules approve at once; the clerk hands over the slip. The citizen then sees in
// their own account who applied for them, and the access to their data in their log.
// Department admins find and manage certificates in the console. Every new page is audited.

import { PNG } from 'pngjs';
import { staffLogin } from './apply_journey.mjs';

// A small photo, as a phone camera would give a PNG (sniffed by content, not by name).
function photo() {
  const png = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = 200;
    png.data[i + 1] = 180;
    png.data[i + 2] = 160;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

// The consent code from the newest consent text the phone received (the demo keeps texts).
async function consentCode(h, phone) {
  const { page, context } = await h.newPage();
  try {
    for (let i = 0; i < 50; i++) {
      await page.goto(`${h.BASE}/dev/messages?phone=${phone}`);
      const text = await page.locator('main').innerText();
      const m = text.match(/请求代您[^]*?验证码\s*(\d{6})/);
      if (m) return m[1];
      await page.waitForTimeout(200);
    }
  } finally {
    await context.close();
  }
  throw new Error(`no consent text to ${phone}`);
}

export async function assistJourney(h, citizen, { phone, id }) {
  const { BASE, SHOTS, step, expect } = h;
  let receipt;

  await h.run('At the counter: a clerk applies for an elderly citizen with the code they read out', async () => {
    const clerk = await staffLogin(h, 'bangban', 375);
    const { page } = clerk;
    await page.goto(BASE + '/console/assist');
    await page.getByLabel('市民的身份证号').fill(id);
    await page.getByLabel('代办事项').selectOption({ label: '申领《四川省老年人优待证》（区卫健局）' });
    await page.screenshot({ path: `${SHOTS}/journey-assist-start-375.png`, fullPage: true });
    await page.getByRole('button', { name: '发送同意码' }).click();
    await page.waitForURL(/\/console\/assist\/[0-9a-f-]+$/);
    const consentUrl = page.url();
    expect(await page.getByText('等待市民读出同意码').isVisible(), 'waiting for the code');
    step('the clerk typed the ID number and chose the item; a consent code went to the citizen');

    const code = await consentCode(h, phone);
    await page.getByLabel('市民读出的同意码').fill(code);
    await page.screenshot({ path: `${SHOTS}/journey-assist-code-375.png`, fullPage: true });
    await page.getByRole('button', { name: '确认并开始填写' }).click();
    await page.waitForURL(/\/apply\/applicant$/);
    expect(await page.getByText('您正在为').isVisible(), 'every page says for whom the form is filled');
    expect(await page.getByText('来自市民的实名信息').first().isVisible(), 'prefilled from the citizen\'s identity, said as such');
    step('the citizen read out the code; the clerk is in the citizen\'s form');

    // Sex and birth date are read from the verified ID number, not typed.
    expect(await page.locator('input[type=radio][name="sex"][value="female"]').isChecked(), 'sex read from the ID number');
    expect((await page.locator('[name="birth_date"]').first().inputValue()) === `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, 'birth date read from the ID number');
    await page.locator('select[name="hukou_address.region"]').selectOption({ index: 1 });
    await page.locator('[name="hukou_address.detail"]').fill('浓洄街道幸福路8号');
    await page.locator('input[type=file][name="photo"]').setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: photo() });
    await page.screenshot({ path: `${SHOTS}/journey-assist-form-375.png`, fullPage: true });
    await h.audit(page, 'assist-section');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.waitForURL(/\/apply\/check$/);
    await h.audit(page, 'assist-check');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(consentUrl);
    receipt = (await page.locator('.token').first().innerText()).trim();
    expect(/^\d{8}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(receipt), `receipt on the slip: ${receipt}`);
    await page.screenshot({ path: `${SHOTS}/journey-assist-slip-375.png`, fullPage: true });
    step(`submitted for the citizen; the slip shows ${receipt}`);

    await h.auditAll(page, [
      ['console-assist', '/console/assist'],
      ['console-assist-slip', new URL(consentUrl).pathname],
    ], false);
    await clerk.context.close();
    step('the assisted-handling pages audited');
  });

  await h.run('The citizen sees who applied for them, and the certificate the rules approved at once', async () => {
    const { page } = citizen;
    await page.goto(BASE + '/account/cases');
    await page.getByRole('link', { name: /老年人优待证/ }).first().click();
    await page.waitForURL(/\/account\/cases\/[0-9a-f-]+$/);
    expect(await page.getByText('代办人员').isVisible(), 'the case says it was submitted for them');
    expect(await page.getByText('陈帮办').first().isVisible(), 'and by whom');
    await page.screenshot({ path: `${SHOTS}/journey-assist-case-375.png`, fullPage: true });
    await page.goto(BASE + '/account/access-log');
    expect(await page.getByText('陈帮办').first().isVisible(), 'the access log names the clerk');
    await page.goto(BASE + '/account/certificates');
    expect(await page.getByText('老年人优待证').first().isVisible(), 'the card is in the wallet');
    step('the case names the clerk; the access log shows the access; the card is in the wallet');
  });

  await h.run('A department admin manages certificates and signing keys in the console', async () => {
    const admin = await staffLogin(h, 'admin');
    const { page } = admin;
    await page.goto(`${BASE}/console/certificates?q=${receipt}`);
    expect(await page.getByRole('button', { name: '撤销这份证照' }).isVisible(), 'the certificate is found by receipt');
    await page.screenshot({ path: `${SHOTS}/journey-console-certificates-1280.png`, fullPage: true });
    await h.auditAll(page, [['console-certificates', `/console/certificates?q=${receipt}`]], false);
    await admin.context.close();
    step('found the certificate by its receipt number; the page is audited');
  });
}
