// 缴费, 预约 and 我的档案 (SVC-1…3, issue 15), as people would live them.
//
// Payments: an older person on a 375 px phone in extra-large text, with no account, types the
// bill code of a paper traffic-fine notice and the payer's name at /pay (first with one digit
// wrong, which the field itself explains), sees the bill, pays at the sandbox's cashier and
// closes the browser before the platform's return page ever loads; on a fresh browser the bill
// reads 已缴清 and its receipt verifies by its QR code. The demo citizen 张三, signed in, pays
// an overdue fine of theirs (with its late fee) and finds the receipt in the wallet; starting
// the exam fee and cancelling at the cashier charges nothing. The finance officer reconciles
// the day: it balances.
//
// Bookings: the hall manager opens a 绿色通道窗口 with one place an hour (round the clock, so
// the journey runs at any hour); a citizen books one of its times, gets the confirmation with
// a QR code holding the check-in code; 张三 finds that time full and joins the waiting list;
// the citizen cancels and the place goes to 张三, whom the hall manager checks in from the
// day's list by the code (or, when that time is not today, is told why not). 张三 also books
// a paediatrician for the daughter, which the hospital's clerk sees on the day's list.
//
// Records: 张三 reads the daughter's vaccination record in plain words (and the version it
// corrected), sees on the access log the demo nurse's read and its reason; the clerk reads the
// daughter's records with a new reason, and 张三 then sees that reason.
//
// Every page type on the way is audited with axe (three languages, normal and extra-large
// text, high contrast; pages reached by a form post in each of those too), and the citizen's
// pages are checked not to scroll sideways at 375 px in extra-large text.

import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { staffLogin } from './apply_journey.mjs';

const CITIZEN_PHONE = '13800000000'; // the demo's 张三
const PAPER_CODE = '5116 0220 2612 0700 0016'; // the paper notice's bill code (demo data)
const TYPO_CODE = '5116 0220 2612 0700 0017'; // the same with the last digit mistyped
const HALL = '广安区政务服务中心';
const HOSPITAL = '广安区人民医院';
const DESK = '绿色通道窗口';

// GB 11643-1999 check character.
function idNumber(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
const CHILD_ID = idNumber('51160220190815002'); // 张小雨, 张三's daughter (demo data)

// Whether the page scrolls sideways (it must not, at 375 px in extra-large text).
const overflows = (page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

// The value shown next to a term of a page's summary list.
const fact = async (page, term) => (await page.locator(`dl.summary dt:text-is("${term}") + dd`).first().innerText()).trim();

// Beijing's date (YYYY-MM-DD) and the minutes since its midnight.
function beijingNow() {
  const bj = new Date(Date.now() + 8 * 3_600_000);
  return { day: bj.toISOString().slice(0, 10), minutes: bj.getUTCHours() * 60 + bj.getUTCMinutes() };
}

// `HH:MM` → minutes.
const minutesOf = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

// The whole day in hours, every day of the week, one place each (a template's lines).
function roundTheClock() {
  const lines = [];
  for (let day = 1; day <= 7; day++) {
    for (let hour = 0; hour < 24; hour++) {
      const from = `${String(hour).padStart(2, '0')}:00`;
      const to = hour === 23 ? '23:59' : `${String(hour + 1).padStart(2, '0')}:00`;
      lines.push(`${day} ${from}-${to} 1`);
    }
  }
  return lines.join('\n');
}

// Reads the QR code drawn by `locator` (an image or an inline SVG).
async function readQr(locator) {
  const png = PNG.sync.read(await locator.screenshot());
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return qr?.data;
}

async function citizenLogin(h, phone, width = 375) {
  const s = await h.newPage(width);
  await s.page.goto(`${h.BASE}/account/login?next=/account`);
  await s.page.getByLabel('手机号码').fill(phone);
  await s.page.getByLabel('密码').fill(h.PASSWORD);
  await s.page.getByRole('button', { name: '登录' }).click();
  await s.page.waitForURL(/\/account$/);
  return s;
}

// Audits a page reached by a form post in each language and text size, and in high contrast:
// `redo` posts the form again after the preferences are set.
async function auditPosted(h, page, label, redo) {
  const ways = [
    ['zh-Hans', false, false], ['zh-Hans', true, false], ['zh-Hant', false, false],
    ['zh-Hant', true, false], ['en', false, false], ['en', true, false], ['zh-Hans', true, true],
  ];
  for (const [lang, large, contrast] of ways) {
    await page.goto(h.BASE + '/');
    await h.setPrefs(page, lang, large, contrast);
    await redo();
    const htmlLang = await page.getAttribute('html', 'lang');
    h.expect(htmlLang === lang, `${label}: html lang is ${htmlLang}, not ${lang}`);
    await h.audit(page, `${label} [${lang}${large ? ' xl' : ''}${contrast ? ' hc' : ''}]`);
  }
}

export async function servicesJourney(h, citizen) {
  const { BASE, SHOTS, step, expect } = h;
  const stamp = String(Date.now()).slice(-6);
  const pay = {}; // what the payments part leaves for the audits
  const book = {}; // and the bookings part
  const rec = {}; // and the records part
  let zhang; // 张三's signed-in browser

  // The lookup form at /pay, filled as a person would (by field, whatever the language).
  const lookup = async (page, code, name) => {
    await page.goto(BASE + '/pay');
    await page.locator('#f-code').fill(code);
    await page.locator('#f-name').fill(name);
    await page.locator('form[action="/pay"] button[type="submit"]').click();
    await page.waitForLoadState();
  };

  await h.run('An older person without an account pays a paper traffic-fine notice on a phone in extra-large text, and closes it before the return page', async () => {
    const s = await h.newPage(375);
    const { page } = s;
    await page.goto(BASE + '/');
    await h.setPrefs(page, 'zh-Hans', true);
    await page.getByRole('link', { name: /^缴费/ }).first().click();
    await page.waitForURL(/\/pay$/);
    expect(await page.getByRole('heading', { name: '缴费', level: 1 }).isVisible(), 'the fee page');
    expect(!(await overflows(page)), '/pay does not scroll sideways');
    await page.screenshot({ path: `${SHOTS}/journey-pay-find-xl-375.png`, fullPage: true });
    step('home page → 缴费 (/pay), extra-large text');

    await page.getByLabel('缴款码').fill(TYPO_CODE);
    await page.getByLabel('缴款人姓名').fill('张三');
    await page.getByRole('button', { name: '查询缴款单' }).click();
    await page.waitForLoadState();
    const error = page.locator('.form-group:has(#f-code) .error-message');
    expect(await error.isVisible(), 'an error next to the bill code field');
    expect((await error.innerText()).includes('缴款码有一位不对'), `the error says a digit is wrong (got ${await error.innerText()})`);
    expect((await page.locator('#f-code').getAttribute('aria-invalid')) === 'true', 'the field is marked invalid');
    expect((await page.locator('#f-code').getAttribute('aria-describedby')).includes('f-code-error'), 'the field is described by its error');
    expect((await page.locator('#f-code').inputValue()) === TYPO_CODE, 'what was typed is kept');
    expect(await page.locator('#f-code').evaluate((e) => e.scrollWidth <= e.clientWidth), 'the whole code shows in its field, to check digit by digit');
    expect(await page.locator('.error-summary a[href="#f-code"]').isVisible(), 'the error summary links to the field');
    expect(!(await overflows(page)), 'the error does not make the page scroll sideways');
    await page.screenshot({ path: `${SHOTS}/journey-pay-typo-xl-375.png`, fullPage: true });
    step(`typed ${TYPO_CODE} (one digit wrong): 缴款码有一位不对 shown next to the field`);

    await page.getByLabel('缴款码').fill(PAPER_CODE);
    await page.getByRole('button', { name: '查询缴款单' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { name: '缴款单', level: 1 }).isVisible(), 'the bill');
    expect((await fact(page, '缴款码')) === PAPER_CODE, 'its code, in groups of four');
    expect((await fact(page, '执收单位')) === '广安区公安局交通警察大队', 'the collecting unit');
    expect((await fact(page, '缴款单')) === '交通违法罚款（纸质通知书）', 'what it is for');
    expect((await fact(page, '状态')) === '待缴费', 'to pay');
    expect((await page.locator('strong.total').innerText()).trim() === '¥200.00', 'the total');
    expect(!(await overflows(page)), 'the bill does not scroll sideways');
    await page.screenshot({ path: `${SHOTS}/journey-pay-bill-xl-375.png`, fullPage: true });
    step(`${PAPER_CODE} with 张三: 交通违法罚款（纸质通知书）, ¥200.00, 待缴费`);

    await page.getByRole('button', { name: /^去支付/ }).click();
    await page.waitForURL(/\/sandbox\/pay\/[^/]+$/);
    pay.cashierPaper = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { name: '沙箱收银台', level: 1 }).isVisible(), 'the sandbox cashier');
    expect((await page.locator('strong.total').innerText()).trim() === '¥200.00', 'the amount at the cashier');
    expect(!(await overflows(page)), 'the cashier does not scroll sideways');
    await h.audit(page, 'sandbox-cashier-open [zh-Hans xl]');
    await page.screenshot({ path: `${SHOTS}/journey-pay-cashier-xl-375.png`, fullPage: true });
    step('去支付 → the sandbox cashier with the amount (audited)');

    // The browser is closed as the cashier sends it back: the return page never loads.
    await page.route(/\/pay\/attempts\//, (route) => route.abort());
    const back = page.waitForRequest(/\/pay\/attempts\//);
    await page.getByRole('button', { name: '确认支付' }).click();
    pay.attempt = new URL((await back).url()).pathname;
    await s.context.close();
    step('确认支付, and the browser closed before the return page');

    const again = await h.newPage(375);
    const p = again.page;
    await p.goto(BASE + '/');
    await h.setPrefs(p, 'zh-Hans', true);
    let paid = false;
    for (let i = 0; i < 90 && !paid; i++) {
      await lookup(p, PAPER_CODE, '张三');
      paid = (await fact(p, '状态')) === '已缴清';
      if (!paid) await p.waitForTimeout(1000);
    }
    expect(paid, 'the bill reads 已缴清 on a new browser');
    expect(!(await p.getByRole('button', { name: /^去支付/ }).count()), 'nothing more to pay');
    expect(!(await overflows(p)), 'the paid bill does not scroll sideways');
    await p.screenshot({ path: `${SHOTS}/journey-pay-paid-xl-375.png`, fullPage: true });
    step('a new browser: the same code and name show the bill 已缴清, no pay button');

    await p.getByRole('link', { name: /^票据号码/ }).click();
    await p.waitForURL(/\/pay\/receipts\/[^/]+$/);
    pay.receiptPaper = new URL(p.url()).pathname;
    expect(await p.getByRole('heading', { name: '电子票据', level: 1 }).isVisible(), 'the receipt');
    const number = await fact(p, '票据号码');
    expect((await fact(p, '金额')) === '¥200.00', 'the amount paid');
    expect((await fact(p, '缴款码')) === PAPER_CODE, 'the bill code, in groups of four as on the notice');
    const paidAt = await fact(p, '缴费时间');
    expect(/^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(paidAt), `paid at, in Beijing time as pages show times (${paidAt})`);
    expect(!(await overflows(p)), 'the receipt does not scroll sideways');
    const qr = await readQr(p.locator('figure.qr img'));
    expect(qr && qr.includes('/pay/verify?t='), `the QR code holds the check address (read ${qr})`);
    await p.screenshot({ path: `${SHOTS}/journey-pay-receipt-xl-375.png`, fullPage: true });
    step(`the receipt ${number}, paid ${paidAt} Beijing time, its QR code read`);

    const other = await h.newPage(375);
    await other.page.goto(qr);
    expect(await other.page.getByText('这张票据由本平台签发，内容未被改动。').isVisible(), 'the receipt verifies');
    expect((await fact(other.page, '票据号码')) === number, 'the same receipt number');
    expect((await fact(other.page, '缴费时间')) === paidAt, 'paid at the same time, in Beijing time');
    pay.verify = new URL(qr).pathname + new URL(qr).search;
    await other.page.screenshot({ path: `${SHOTS}/journey-pay-verify-375.png`, fullPage: true });
    await other.context.close();
    await h.setPrefs(p, 'zh-Hans', false);
    await again.context.close();
    step('scanned on another phone: 这张票据由本平台签发 — the payment was recorded though the return page never loaded');
  });

  await h.run('张三, signed in, pays an overdue fine of theirs and finds the receipt in the wallet', async () => {
    zhang = await citizenLogin(h, CITIZEN_PHONE);
    const { page } = zhang;
    await h.setPrefs(page, 'zh-Hans', false);
    await page.getByRole('link', { name: /^我的缴费/ }).first().click();
    await page.waitForURL(/\/account\/payments$/);
    expect(await page.getByRole('heading', { name: '我的缴费', level: 1 }).isVisible(), '我的缴费');
    step('我的账户 → 我的缴费');
    await page.getByRole('link', { name: '交通违法罚款', exact: true }).click();
    await page.waitForURL(/\/account\/payments\/[0-9a-f-]{36}$/);
    pay.myBill = new URL(page.url()).pathname;
    const late = page.locator('table tbody tr', { hasText: '滞纳金' });
    expect(await late.isVisible(), 'the late fee is shown (the fine is overdue)');
    const total = (await page.locator('strong.total').innerText()).trim();
    expect(total !== '¥200.00' && /^¥2\d\d\.\d\d$/.test(total), `the total includes the late fee (${total})`);
    step(`the overdue 交通违法罚款: ¥200.00 + 滞纳金 = ${total}`);

    await page.getByRole('button', { name: /^去支付/ }).click();
    await page.waitForURL(/\/sandbox\/pay\/[^/]+$/);
    expect((await page.locator('strong.total').innerText()).trim() === total, 'the cashier asks the same');
    await page.getByRole('button', { name: '确认支付' }).click();
    await page.waitForURL(/\/pay\/attempts\/[^/]+$/);
    pay.result = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { name: '缴费成功' }).isVisible(), '缴费成功');
    step('paid at the cashier and came back: 缴费成功');

    await page.goto(BASE + '/account');
    await page.getByRole('link', { name: /^我的证照/ }).first().click();
    await page.waitForURL(/\/account\/certificates$/);
    const line = page.getByRole('link', { name: `交通违法罚款 · ${total}` });
    expect(await line.isVisible(), 'the receipt is in the wallet');
    await page.screenshot({ path: `${SHOTS}/journey-pay-wallet-375.png`, fullPage: true });
    await line.click();
    await page.waitForURL(/\/pay\/receipts\/[^/]+$/);
    pay.receiptMine = new URL(page.url()).pathname;
    expect((await fact(page, '金额')) === total, 'the receipt says what was paid');
    step('我的证照 lists the receipt; it opens');

    await page.goto(BASE + pay.myBill);
    expect((await fact(page, '状态')) === '已缴清', 'the bill is paid');
    await page.goto(BASE + '/account/payments');
    await page.getByRole('link', { name: /教师资格考试报名费/ }).click();
    await page.getByRole('button', { name: /^去支付/ }).click();
    await page.waitForURL(/\/sandbox\/pay\/[^/]+$/);
    pay.cashierOpen = new URL(page.url()).pathname;
    await h.auditAll(page, [['sandbox-cashier', pay.cashierOpen]], false);
    await page.goto(BASE + pay.cashierOpen);
    await page.getByRole('button', { name: '取消支付' }).click();
    await page.waitForURL(/\/pay\/attempts\/[^/]+$/);
    pay.closed = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { name: '这次支付没有完成' }).isVisible(), 'not completed');
    expect(await page.getByText('没有扣款').isVisible(), 'nothing charged');
    step('started the exam fee, cancelled at the cashier (audited while open): 这次支付没有完成, 没有扣款');
  });

  await h.run('The finance officer reconciles the day: it balances', async () => {
    expect(pay.receiptMine, 'no payments from the previous journeys');
    const s = await staffLogin(h, 'caiwu');
    const { page } = s;
    await page.getByRole('link', { name: '缴费管理' }).first().click();
    await page.waitForURL(/\/console\/payments$/);
    await page.getByRole('link', { name: '对账', exact: true }).click();
    await page.waitForURL(/\/console\/payments\/reconcile$/);
    const { day } = beijingNow();
    await page.getByLabel('日期').fill(day);
    await page.getByRole('button', { name: '对账', exact: true }).click();
    await page.waitForLoadState();
    expect(await page.getByText('当天账目平衡。').isVisible(), 'the day balances');
    const matched = await page.locator('table tbody tr', { hasText: '一致' }).filter({ hasText: '收款' }).count();
    expect(matched >= 2, `both payments matched, as 收款 (found ${matched})`);
    await page.screenshot({ path: `${SHOTS}/journey-pay-reconcile-1280.png`, fullPage: true });
    await h.audit(page, 'console-pay-reconcile-run');
    step(`对账 ${day}: 当天账目平衡, ${matched} lines 一致`);
    await h.auditAll(page, [
      ['console-payments', '/console/payments'],
      ['console-pay-reconcile', `/console/payments/reconcile?day=${day}`],
    ], false);
    await s.context.close();
    step('the console\'s payments and reconciliation pages audited');
  });

  await h.run('The hall manager opens a 绿色通道窗口 with one place an hour', async () => {
    const s = await staffLogin(h, 'dating');
    const { page } = s;
    await page.getByRole('link', { name: '预约服务' }).first().click();
    await page.waitForURL(/\/console\/bookings$/);
    const card = page.locator('ul.cards > li', { hasText: HALL });
    await card.getByRole('link', { name: '号源设置' }).click();
    await page.waitForURL(/\/console\/bookings\/places\/[0-9a-f-]{36}\/capacity$/);
    book.hall = page.url().split('/').at(-2);
    await page.getByLabel('类型').selectOption('window');
    await page.getByLabel('名称', { exact: true }).fill(DESK);
    await page.getByLabel('事项分组或科室').fill('老年人、残疾人优先');
    await page.getByLabel('每周号源', { exact: true }).fill(roundTheClock());
    await page.getByRole('button', { name: '添加窗口或医生' }).click();
    await page.waitForURL(/capacity\?saved=1$/);
    expect(await page.getByText('已保存。').isVisible(), 'saved');
    expect(await page.getByLabel(new RegExp(`^${DESK}`)).isVisible(), 'the new window has its template');
    book.dating = s;
    step(`号源设置 → ${DESK}, one place an hour every day`);
  });

  await h.run('A citizen books a time at the 政务服务中心, 张三 finds it full and joins the waiting list', async () => {
    expect(citizen && book.hall, 'no citizen or window from the previous journeys');
    const { page } = citizen;
    await page.goto(BASE + '/');
    await h.setPrefs(page, 'zh-Hans', false);
    await page.getByRole('link', { name: /^预约/ }).first().click();
    await page.waitForURL(/\/bookings$/);
    await page.getByRole('link', { name: HALL }).click();
    await page.waitForURL(/\/bookings\/places\/[0-9a-f-]{36}/);
    expect(await page.getByRole('heading', { name: HALL, level: 1 }).isVisible(), 'the place');
    // A time at least three hours ahead, so that cancelling is still allowed (cut-off 2 h).
    const now = beijingNow();
    const section = page.locator('section', { has: page.getByRole('heading', { name: new RegExp(`^${DESK}`) }) });
    let slot;
    for (const [day, ahead] of [[now.day, 0], [null, 1440]]) {
      if (day) await page.goto(`${BASE}/bookings/places/${book.hall}?day=${day}`);
      else await page.locator('nav ul.pillbar a:not([aria-current])').first().click();
      for (const li of await section.locator('ul.cards > li').all()) {
        const time = (await li.locator('strong').innerText()).trim();
        if (minutesOf(time) + ahead - now.minutes >= 180 && (await li.getByRole('link', { name: /^预约/ }).count())) {
          slot = { time, link: li.getByRole('link', { name: /^预约/ }) };
          break;
        }
      }
      if (slot) break;
    }
    expect(slot, 'a free time three hours ahead at the new window');
    await slot.link.click();
    await page.waitForURL(/\/bookings\/slots\/[0-9a-f-]{36}$/);
    book.form = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { name: '确认预约', level: 1 }).isVisible(), 'the booking form');
    expect((await fact(page, '余号')) === '1', 'one place left');
    await page.screenshot({ path: `${SHOTS}/journey-booking-form-375.png`, fullPage: true });
    await page.getByRole('button', { name: '确认预约' }).click();
    await page.waitForURL(/\/account\/bookings\/[0-9a-f-]{36}$/);
    book.first = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { name: '预约成功', level: 1 }).isVisible(), '预约成功');
    book.when = await fact(page, '时间');
    book.day = book.when.slice(0, 10);
    expect(book.when.endsWith(slot.time), `the time booked (${book.when})`);
    const code = (await page.locator('strong.receipt').innerText()).trim();
    const read = await readQr(page.locator('div.qr'));
    expect(read === code, `the QR code holds the check-in code ${code} (read ${read})`);
    await page.screenshot({ path: `${SHOTS}/journey-booking-done-375.png`, fullPage: true });
    step(`booked ${HALL} · ${DESK} ${book.when}: 预约成功, QR code = 签到码 ${code}`);

    const z = zhang.page;
    await z.goto(`${BASE}/bookings/places/${book.hall}?day=${book.day}`);
    const zs = z.locator('section', { has: z.getByRole('heading', { name: new RegExp(`^${DESK}`) }) });
    const full = zs.locator('ul.cards > li', { hasText: slot.time });
    expect((await full.locator('.pill').innerText()).trim() === '已约满', 'the time is 已约满');
    await full.getByRole('link', { name: /^登记候补/ }).click();
    await z.waitForURL(new RegExp(`${book.form}$`));
    expect((await fact(z, '余号')) === '已约满', 'the form says it is full');
    expect(await z.getByLabel(/如果已约满，登记候补/).isChecked(), 'the waiting list is offered, ticked');
    await z.screenshot({ path: `${SHOTS}/journey-booking-full-375.png`, fullPage: true });
    await z.getByRole('button', { name: '确认预约' }).click();
    await z.waitForURL(/\/account\/bookings\/[0-9a-f-]{36}$/);
    book.waiting = new URL(z.url()).pathname;
    expect(await z.getByRole('heading', { name: '已登记候补', level: 1 }).isVisible(), '已登记候补');
    expect((await fact(z, '状态')) === '候补中', '候补中');
    step('张三 finds the same time 已约满, is offered 登记候补 and joins the waiting list');

    await page.goto(BASE + book.first);
    await page.getByRole('button', { name: '取消预约' }).click();
    await page.waitForURL(/cancelled=1$/);
    expect(await page.getByText('预约已取消。').isVisible(), 'cancelled');
    expect((await fact(page, '状态')) === '已取消', '已取消');
    step('the citizen cancels: 预约已取消');

    await z.goto(BASE + book.waiting);
    expect(await z.getByRole('heading', { name: '预约成功', level: 1 }).isVisible(), 'the place went to 张三');
    book.code = (await z.locator('strong.receipt').innerText()).trim();
    expect((await readQr(z.locator('div.qr'))) === book.code, 'with a QR code of its own');
    await z.screenshot({ path: `${SHOTS}/journey-booking-promoted-375.png`, fullPage: true });
    step(`the place goes to 张三 from the waiting list: 预约成功, 签到码 ${book.code}`);
  });

  await h.run('The hall manager checks 张三 in from the day\'s list', async () => {
    expect(book.code && book.dating, 'no booking from the previous journey');
    const { page } = book.dating;
    await page.goto(BASE + '/console/bookings');
    await page.locator('ul.cards > li', { hasText: HALL }).getByRole('link', { name: '当天名单' }).click();
    await page.waitForURL(/\/console\/bookings\/places\/[0-9a-f-]{36}$/);
    await page.getByLabel('日期').fill(book.day);
    await page.getByLabel('窗口或医生').selectOption({ label: DESK });
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(/[?&]desk=/);
    book.dayList = new URL(page.url()).pathname + new URL(page.url()).search;
    const time = book.when.slice(11);
    const row = page.locator('table tbody tr', { hasText: time }).filter({ hasText: '张*' });
    expect((await row.locator('td').nth(3).innerText()).trim() === '已预约', '张* is on the list, 已预约');
    step(`当天名单 ${book.day} · ${DESK}: ${time} 张* 已预约`);

    // A scanner types the code and presses Enter.
    await page.getByLabel('扫码签到').fill(book.code);
    await page.getByLabel('扫码签到').press('Enter');
    await page.waitForLoadState();
    if (book.day === beijingNow().day) {
      await page.waitForURL(/[?&]done=/);
      expect(await page.getByText(`签到成功：${DESK} ${time.slice(0, 5)} 张*`).isVisible(), 'checked in');
      expect((await row.locator('td').nth(3).innerText()).trim() === '已签到', 'the list says 已签到');
      await zhang.page.goto(BASE + book.waiting);
      expect((await fact(zhang.page, '状态')) === '已签到', '张三 sees 已签到');
      step('scanned the code: 签到成功, and 张三\'s booking reads 已签到');
    } else {
      const error = page.locator('.form-group:has(#f-code) .error-message');
      expect((await error.innerText()).includes('只能在预约当天签到'), 'told it is not the booking\'s day');
      step(`the time is on ${book.day}, not today: check-in refused with 只能在预约当天签到 next to the field`);
    }
    await page.screenshot({ path: `${SHOTS}/journey-booking-checkin-1280.png`, fullPage: true });
  });

  await h.run('张三 books a paediatrician for the daughter; the hospital\'s clerk sees it on the day\'s list', async () => {
    expect(zhang, 'no signed-in 张三');
    const { page } = zhang;
    await page.goto(BASE + '/bookings');
    await page.getByRole('link', { name: HOSPITAL }).click();
    const doctor = page.locator('section', { has: page.getByRole('heading', { name: /^李医生/ }) });
    await doctor.getByRole('link', { name: /^预约/ }).first().click();
    await page.waitForURL(/\/bookings\/slots\/[0-9a-f-]{36}$/);
    await page.getByLabel('家人姓名').fill('张小雨');
    await page.getByLabel('家人身份证号').fill(CHILD_ID);
    await page.getByRole('button', { name: '确认预约' }).click();
    await page.waitForURL(/\/account\/bookings\/[0-9a-f-]{36}$/);
    book.child = new URL(page.url()).pathname;
    expect((await fact(page, '为谁预约')) === '张小雨', 'booked for the daughter');
    const when = await fact(page, '时间');
    step(`booked 李医生（儿科） ${when} for 张小雨`);

    const s = await staffLogin(h, 'bangban');
    await s.page.goto(BASE + '/console/bookings');
    await s.page.locator('ul.cards > li', { hasText: HOSPITAL }).getByRole('link', { name: '当天名单' }).click();
    await s.page.getByLabel('日期').fill(when.slice(0, 10));
    await s.page.getByRole('button', { name: '查看' }).click();
    await s.page.waitForLoadState();
    const row = s.page.locator('table tbody tr', { hasText: '张*雨' });
    expect(await row.isVisible(), 'the daughter, masked, on the hospital\'s list');
    expect((await row.innerText()).includes('李医生'), 'with her doctor');
    await s.context.close();
    step('陈帮办 (区卫健局) sees 张*雨 on 广安区人民医院\'s list for that day');
  });

  await h.run('张三 reads the daughter\'s vaccinations in plain words and who looked at them; a clerk reads them with a reason', async () => {
    expect(zhang, 'no signed-in 张三');
    const { page } = zhang;
    await page.goto(BASE + '/account');
    await page.getByRole('link', { name: /^我的档案/ }).click();
    await page.waitForURL(/\/account\/records$/);
    rec.list = '/account/records';
    expect(await page.getByRole('heading', { name: '本人的档案' }).isVisible(), 'their own records');
    expect(await page.getByRole('link', { name: '预防接种：流感疫苗 第1剂' }).isVisible(), 'their flu vaccination');
    expect(await page.getByRole('heading', { name: '孩子的档案：张小雨' }).isVisible(), 'the daughter\'s records');
    await page.screenshot({ path: `${SHOTS}/journey-records-list-375.png`, fullPage: true });
    step('我的账户 → 我的档案: 本人的档案 and 孩子的档案：张小雨');

    await page.getByRole('link', { name: '预防接种：百白破疫苗 第4剂' }).click();
    await page.waitForURL(/\/account\/records\/[0-9a-f-]{36}$/);
    rec.record = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { name: '预防接种：百白破疫苗 第4剂', level: 1 }).isVisible(), 'the record');
    expect((await page.getByText('档案所属人：张小雨').isVisible()), 'whose it is');
    expect((await fact(page, '疫苗')) === '百白破疫苗', 'the vaccine');
    expect((await fact(page, '状态')) === '已接种', 'its status in plain words, not a code');
    expect((await fact(page, '批号')) === '202508D4', 'the corrected lot number');
    expect(await page.getByRole('heading', { name: '更正前的版本' }).isVisible(), 'the version it corrected is kept');
    expect(await page.locator('section.card dd', { hasText: '202508D9' }).isVisible(), 'with the lot number first sent');
    await page.screenshot({ path: `${SHOTS}/journey-records-record-375.png`, fullPage: true });
    step('百白破疫苗 第4剂: 疫苗, 剂次, 批号 202508D4, 状态 已接种; 更正前的版本 202508D9 kept');

    await page.getByRole('link', { name: '谁查看过我的信息' }).click();
    await page.waitForURL(/\/account\/access-log/);
    expect(await page.locator('tr', { hasText: '陈帮办' }).filter({ hasText: '核对孩子的接种史，安排下一剂疫苗' }).first().isVisible(), 'the nurse\'s read and why');
    step('谁查看过我的信息: 陈帮办 of 区卫健局, 核对孩子的接种史，安排下一剂疫苗');

    const s = await staffLogin(h, 'bangban');
    const sp = s.page;
    await sp.getByRole('link', { name: '个人档案' }).first().click();
    await sp.waitForURL(/\/console\/records$/);
    await sp.getByLabel('身份证号').fill(CHILD_ID);
    await sp.getByRole('button', { name: '查看档案' }).click();
    await sp.waitForLoadState();
    expect(await sp.locator('#f-reason-error').isVisible(), 'no read without a reason: the error is next to 查看理由');
    await h.audit(sp, 'console-records-read-errors');
    const reason = `核对麻腮风第二剂是否已接种，安排入学查验 ${stamp}`;
    await sp.getByLabel('身份证号').fill(CHILD_ID);
    await sp.getByLabel('查看理由').fill(reason);
    await sp.getByRole('button', { name: '查看档案' }).click();
    await sp.waitForLoadState();
    expect(await sp.getByText('这次查看已记录，市民可以看到。').isVisible(), 'the read is recorded');
    expect(await sp.getByRole('heading', { name: '预防接种：麻腮风疫苗 第1剂' }).isVisible(), 'the daughter\'s records are shown');
    await sp.screenshot({ path: `${SHOTS}/journey-records-console-read-1280.png`, fullPage: true });
    step('陈帮办 reads 张小雨\'s records: refused without a reason, then shown with one');
    await auditPosted(h, sp, 'console-records-read', async () => {
      await sp.goto(BASE + '/console/records');
      await sp.locator('#f-id_number').fill(CHILD_ID);
      await sp.locator('#f-reason').fill(reason);
      await sp.locator('form[action="/console/records"] button[type="submit"]').click();
      await sp.waitForLoadState();
    });
    await h.setPrefs(sp, 'zh-Hans', false);
    await h.auditAll(sp, [['console-records', '/console/records']], false);
    await s.context.close();
    step('the read with its reason audited in three languages, extra-large text and high contrast');

    await page.goto(BASE + '/account/access-log');
    expect(await page.locator('tr', { hasText: '陈帮办' }).filter({ hasText: reason }).first().isVisible(), 'the new reason on the access log');
    await page.screenshot({ path: `${SHOTS}/journey-records-access-log-375.png`, fullPage: true });
    step(`张三 sees the clerk's read and its reason: ${reason}`);
  });

  await h.run('Accessibility of the fee, booking and records pages', async () => {
    expect(pay.receiptPaper && book.first && rec.record, 'pages from the previous journeys');
    // The payer's pages reached by a form: the lookup with its error, and the bill.
    const anon = await h.newPage(375);
    await auditPosted(h, anon.page, 'pay-lookup-errors', () => lookup(anon.page, TYPO_CODE, '张三'));
    await auditPosted(h, anon.page, 'pay-bill', () => lookup(anon.page, PAPER_CODE, '张三'));
    const publicPages = [
      ['pay', '/pay'],
      ['pay-receipt', pay.receiptPaper],
      ['pay-verify', pay.verify],
      ['pay-verify-bad', '/pay/verify?t=YWC1.forged'],
      ['sandbox-cashier-done', pay.cashierPaper],
      ['bookings', '/bookings'],
      ['booking-place', `/bookings/places/${book.hall}?day=${book.day}`],
    ];
    await h.auditAll(anon.page, publicPages, false);
    await anon.context.close();
    step(`${publicPages.length + 2} public page types audited`);

    const { page } = zhang;
    const mine = [
      ['my-payments', '/account/payments'],
      ['pay-my-bill', pay.myBill],
      ['pay-result-done', pay.result],
      ['pay-result-closed', pay.closed],
      ['pay-receipt-mine', pay.receiptMine],
      ['wallet-receipts', '/account/certificates'],
      ['booking-form', book.form],
      ['booking-confirmation', book.waiting],
      ['booking-child', book.child],
      ['my-bookings', '/account/bookings'],
      ['records', rec.list],
      ['record', rec.record],
    ];
    await h.auditAll(page, mine);
    // And none of them scrolls sideways at 375 px in extra-large text.
    await h.setPrefs(page, 'zh-Hans', true);
    for (const [name, url] of [...mine, ['pay', '/pay'], ['bookings', '/bookings'], ['booking-place', `/bookings/places/${book.hall}?day=${book.day}`]]) {
      await page.goto(BASE + url);
      if (await overflows(page)) throw new Error(`${name} (${url}) scrolls sideways at 375 px in extra-large text`);
    }
    await h.setPrefs(page, 'zh-Hans', false);
    step(`${mine.length} citizen page types audited; none scrolls sideways at 375 px in extra-large text`);
    // The cancelled booking's page, as its holder sees it.
    await h.auditAll(citizen.page, [['booking-cancelled', book.first]], false);

    const { page: dp } = book.dating;
    const consolePages = [
      ['console-bookings', '/console/bookings'],
      ['console-booking-day', book.dayList],
      ['console-booking-utilisation', `/console/bookings/places/${book.hall}/utilisation`],
      ['console-booking-capacity', `/console/bookings/places/${book.hall}/capacity`],
    ];
    await h.auditAll(dp, consolePages, false);
    // The check-in with a wrong code: the error next to the field.
    await dp.goto(BASE + book.dayList);
    await dp.locator('#f-code').fill('WRONG-CODE');
    await dp.locator('#f-code').press('Enter');
    await dp.waitForLoadState();
    expect(await dp.locator('.form-group:has(#f-code) .error-message').isVisible(), 'a wrong code is explained next to the field');
    await h.audit(dp, 'console-booking-checkin-error');
    await book.dating.context.close();
    step(`${consolePages.length + 1} console booking page types audited`);
  });
  if (zhang) {
    await h.setPrefs(zhang.page, 'zh-Hans', false).catch(() => {});
    await zhang.context.close();
  }
}
