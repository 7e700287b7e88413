// 应急警报 and 依申请公开 (PUB-7, PUB-3), as people would live them: a resident on a phone in
// extra-large text sets where she lives (浓洄街道, 广安区) from her account page; the district's
// duty officer writes an orange earthquake warning for 广安区, checks it as it will read and
// issues it; within seconds the resident's pages carry the banner, she opens its details and
// reads what to do, and her messages have it; the officer lifts it and the banner is gone on
// her next page. Then she asks 区民政局 for information it has not published, from the policy
// catalogue's link: she gets a request number and the day it is due; the department asks her
// to make it clear, she does, and it answers 部分公开 (refused first without the reason, which
// the law requires); she reads the answer, and the annual report counts the request. Every page
// type on the way is audited with axe (three languages, normal and large text, high contrast),
// the forms also with their errors shown.

import { staffLogin } from './apply_journey.mjs';

const CITIZEN_PHONE = '13800000000';
const DISTRICT = '511602'; // 广安区
const STREET = '浓洄街道'; // a street of 广安区
const DEPARTMENT = '区民政局';

// Beijing time `minutes` from now, as a datetime-local input takes it (YYYY-MM-DDTHH:MM).
function beijingInput(minutes) {
  return new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

// Whether the page scrolls sideways (it must not, at 375 px in extra-large text).
const overflows = (page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

// The value shown next to a term of a page's summary list.
const fact = (page, term) => page.locator(`dl.summary dt:text-is("${term}") + dd`).first().innerText();

// The banners on the page (`<section class="alerts">`, one `.alert` each).
const banners = (page) => page.locator('section.alerts .alert');

// Reloads `page` every half second until `cond()` holds or `ms` pass; whether it held.
async function reloadUntil(page, cond, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() > end) return false;
    await page.waitForTimeout(500);
    await page.reload();
  }
}

// Takes a step on the console's request page (操作, 答复类型, 内容, 不予公开的理由) and presses 确定.
async function act(page, action, { type = '', text = '', reason = '' } = {}) {
  const form = page.locator('form:has(select[name="action"])');
  await form.getByLabel('操作').selectOption({ label: action });
  if (type) await form.getByLabel('答复类型').selectOption({ label: type });
  if (text) await form.getByLabel('内容', { exact: true }).fill(text);
  if (reason) await form.getByLabel('不予公开的理由').fill(reason);
  await form.getByRole('button', { name: '确定' }).click();
  await page.waitForLoadState();
}

// The annual report's row for the department (opened from the queue when `base` is not given,
// as staff would): a function from a column's heading to its cell (undefined when no row).
async function reportRow(page, base) {
  if (base) await page.goto(`${base}/console/disclosure/report`);
  const heads = (await page.locator('table thead th').allInnerTexts()).map((x) => x.trim());
  const row = page.locator('table tbody tr', { has: page.locator(`th[scope=row]:text-is("${DEPARTMENT}")`) });
  if (!(await row.count())) return () => undefined;
  const cells = (await row.locator('th, td').allInnerTexts()).map((x) => x.trim());
  return (name) => cells[heads.indexOf(name)];
}

export async function notifyJourney(h) {
  const { BASE, SHOTS, step, expect } = h;
  const stamp = String(Date.now()).slice(-6);
  const alert = {
    title: '地震预警',
    text: `广安区附近发生4.6级地震，预计数秒后有明显震感，可能有余震（演练编号${stamp}）。`,
    instructions: '远离窗户和高大家具，就近躲到结实的桌子下护住头部；震动停止后走楼梯到空旷地带，不要乘坐电梯。',
  };
  let resident; // the demo citizen, on a phone in extra-large text
  let officer; // yingji, the district's duty officer
  let alertId;
  let request; // { id, receipt, due }

  await h.run('A resident on a phone in extra-large text sets 我的所在地区 from her account page', async () => {
    resident = await h.newPage(375);
    const { page } = resident;
    await page.goto(BASE + '/account/login?next=/account');
    await page.getByLabel('手机号码').fill(CITIZEN_PHONE);
    await page.getByLabel('密码').fill(h.PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/account$/);
    await h.setPrefs(page, 'zh-Hans', true);
    expect((await page.getAttribute('html', 'class')).includes('xl'), 'extra-large text');
    await page.getByRole('link', { name: /我的所在地区/ }).click();
    await page.waitForURL(/\/account\/home-region$/);
    expect(await page.getByRole('heading', { name: '我的所在地区', level: 1 }).isVisible(), 'the page 我的所在地区');
    await page.getByLabel('所在街道或乡镇').selectOption({ label: STREET });
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/\/account\?home=1$/);
    expect(await page.getByText('所在地区已保存。').isVisible(), 'told it is saved');
    await page.goto(BASE + '/account/home-region');
    const chosen = await page.locator('#f-region option:checked').innerText();
    expect(chosen.trim() === STREET, `the street is remembered (shown: ${chosen})`);
    expect((await page.locator('#f-region option:checked').evaluate((o) => o.parentElement.label)) === '广安区', 'under 广安区');
    expect(!(await overflows(page)), 'no sideways scrolling at 375 px in extra-large text');
    await page.screenshot({ path: `${SHOTS}/journey-home-region-xl-375.png`, fullPage: true });
    await h.audit(page, 'home-region [zh-Hans xl]');
    step(`account page → 我的所在地区 → ${STREET} (广安区), saved and remembered`);
  });

  await h.run('The duty officer issues an orange earthquake warning for 广安区; the resident sees the banner within seconds', async () => {
    expect(resident, 'no resident from the previous journey');
    officer = await staffLogin(h, 'yingji', 1280);
    const { page } = officer;
    await page.getByRole('link', { name: '应急警报发布' }).first().click();
    await page.waitForURL(/\/console\/alerts$/);
    await page.getByRole('link', { name: '发布警报', exact: true }).click();
    await page.waitForURL(/\/console\/alerts\/new$/);
    await page.getByRole('button', { name: '检查并预览' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').isVisible(), 'an empty alert is refused with an error summary');
    for (const f of ['severity', 'title', 'text', 'until']) {
      expect(await page.locator(`#f-${f}-error`).isVisible(), `the empty ${f} says why`);
    }
    await page.locator('.error-summary a[href="#f-title"]').click();
    expect(await page.evaluate(() => document.activeElement?.id === 'f-title'), 'the summary leads to 标题');
    await h.audit(page, 'console-alerts-new-errors');
    await page.screenshot({ path: `${SHOTS}/journey-alert-errors-1280.png`, fullPage: true });
    step('pressed 检查并预览 on an empty form: the error summary names each missing field (audited)');

    const until = beijingInput(60);
    await page.getByLabel('发给哪个地区').selectOption(DISTRICT);
    await page.getByLabel('预警级别').selectOption({ label: '橙色预警' });
    await page.getByLabel('类型', { exact: true }).selectOption({ label: '新警报' });
    await page.getByLabel('标题', { exact: true }).fill(alert.title);
    await page.getByLabel('发生了什么').fill(alert.text);
    await page.getByLabel('群众应该怎么做').fill(alert.instructions);
    await page.getByLabel('有效至').fill(until);
    await page.getByRole('button', { name: '检查并预览' }).click();
    await page.waitForLoadState();
    const confirm = page.locator('section[aria-labelledby="confirm-title"]');
    expect(await confirm.getByRole('heading', { name: '请确认警报内容' }).isVisible(), 'the confirmation step');
    expect(await confirm.getByText(`【橙色预警】${alert.title}`).isVisible(), 'the alert as it will read');
    expect((await fact(confirm, '地区')).trim() === '广安区', 'for 广安区');
    expect((await fact(confirm, '状态')).trim() === '待发布', 'not yet issued');
    expect((await fact(confirm, '有效至')).trim() === until.replace('T', ' '), `valid until ${until} Beijing time (shown: ${await fact(confirm, '有效至')})`);
    await h.audit(page, 'console-alerts-confirm');
    await page.screenshot({ path: `${SHOTS}/journey-alert-confirm-1280.png`, fullPage: true });
    step(`检查并预览 → 请确认警报内容: 【橙色预警】${alert.title}, 广安区, until ${until.replace('T', ' ')} (audited)`);

    await confirm.getByRole('button', { name: '确认发布' }).click();
    await page.waitForURL(/\/console\/alerts\/[0-9a-f-]{36}\?done=1$/);
    alertId = new URL(page.url()).pathname.split('/').at(-1);
    expect((await fact(page, '状态')).trim() === '生效中', 'in force');
    const issuedAt = Date.now();
    step(`确认发布: issued, 生效中 (/console/alerts/${alertId})`);

    const r = resident.page;
    await r.goto(BASE + '/account');
    const seen = await reloadUntil(r, async () => (await banners(r).filter({ hasText: `【橙色预警】${alert.title}` }).count()) === 1);
    expect(seen, 'the banner reaches the resident within 10 s');
    const banner = banners(r).filter({ hasText: `【橙色预警】${alert.title}` });
    const said = await banner.innerText();
    expect(said.includes(alert.text) && said.includes(`请这样做：${alert.instructions}`), `the banner says what happened and what to do (${said})`);
    expect(!(await overflows(r)), 'the banner does not make the page scroll sideways at 375 px in extra-large text');
    await r.locator('section.alerts').screenshot({ path: `${SHOTS}/journey-alert-banner-xl-375.png` });
    await r.screenshot({ path: `${SHOTS}/journey-alert-account-xl-375.png`, fullPage: true });
    step(`the resident's next pages carry the banner 【橙色预警】${alert.title} (${((Date.now() - issuedAt) / 1000).toFixed(1)} s after issuing)`);

    await r.goto(BASE + '/services');
    expect((await banners(r).filter({ hasText: alert.title }).count()) === 1, 'the banner is on other pages too');
    await banner.getByRole('link', { name: '查看详情' }).click();
    await r.waitForURL(new RegExp(`/alerts/${alertId}$`));
    expect(await r.getByRole('heading', { name: `【橙色预警】${alert.title}`, level: 1 }).isVisible(), 'the alert page');
    const card = r.locator('main');
    expect(await card.getByText('请这样做：').isVisible(), 'what to do, headed');
    expect(await card.getByText(alert.instructions).isVisible(), 'and what to do, in words');
    expect((await fact(r, '地区')).trim() === '广安区', 'for 广安区');
    expect(!(await banners(r).count()), 'no banner repeating the alert on its own page');
    expect((await fact(r, '状态')).trim() === '生效中', 'in force');
    expect(!(await overflows(r)), 'the alert page does not scroll sideways');
    await r.screenshot({ path: `${SHOTS}/journey-alert-detail-xl-375.png`, fullPage: true });
    step('查看详情 → /alerts/{id}: what is happening and 请这样做：… (375 px, extra-large text)');

    await r.goto(BASE + '/account/messages');
    const told = await reloadUntil(r, async () => (await r.locator('main').getByText(alert.title).count()) > 0);
    expect(told, 'the resident\'s messages have the alert within 10 s');
    await page.goto(`${BASE}/console/alerts/${alertId}`);
    const delivered = await reloadUntil(page, async () => Number((await page.getByText(/已通知人数：\d+/).innerText()).match(/\d+/)[0]) >= 1);
    expect(delivered, 'the officer sees at least one person told');
    step(`the resident's messages have it; the officer's page says ${(await page.getByText(/已通知人数：\d+/).innerText()).trim()}`);

    await h.auditAll(r, [
      ['alerts', '/alerts'],
      ['alert', `/alerts/${alertId}`],
      ['account-home-region', '/account/home-region'],
    ]);
    await h.setPrefs(r, 'zh-Hans', true);
    await h.auditAll(page, [
      ['console-alerts', '/console/alerts'],
      ['console-alerts-new', '/console/alerts/new'],
      ['console-alert', `/console/alerts/${alertId}`],
    ]);
    step('/alerts, /alerts/{id} (with the banner), 我的所在地区 and the officer\'s three pages audited');
  });

  await h.run('The officer lifts the alert; the banner is gone on the resident\'s next page', async () => {
    expect(alertId, 'no alert from the previous journey');
    const { page } = officer;
    await page.goto(`${BASE}/console/alerts/${alertId}`);
    await page.getByRole('button', { name: /解除警报/ }).click();
    await page.waitForURL(new RegExp(`/console/alerts/${alertId}\\?done=1$`));
    expect((await fact(page, '状态')).trim() === '已解除', 'lifted');
    expect(!(await page.getByRole('button', { name: /解除警报/ }).count()), 'nothing left to lift');
    step('解除警报（撤下横幅）: 已解除');
    const r = resident.page;
    await r.goto(BASE + '/account');
    expect((await banners(r).count()) === 0, 'no banner on the resident\'s next page');
    await r.goto(`${BASE}/alerts/${alertId}`);
    expect((await fact(r, '状态')).trim() === '已解除', 'the alert page says it was lifted');
    await r.goto(BASE + '/alerts');
    expect(await r.getByText('现在没有生效的警报。').isVisible(), '/alerts lists none in force');
    step('the resident\'s next page has no banner; the alert page says 已解除; /alerts lists none');
    await officer.context.close();
  });

  await h.run('The resident asks 区民政局 for information; it asks her to make it clear, then answers 部分公开', async () => {
    expect(resident, 'no resident from the first journey');
    // 区民政局's staff; what the annual report counted before (nothing, on a fresh demo).
    const staff = await staffLogin(h, 'minzheng', 1280);
    const s = staff.page;
    const before = await reportRow(s, BASE);
    const r = resident.page;
    await r.goto(BASE + '/policies');
    await r.getByRole('link', { name: '申请政府信息公开' }).click();
    await r.waitForURL(/\/disclosure\/new$/);
    expect(await r.getByRole('heading', { name: '申请政府信息公开', level: 1 }).isVisible(), 'the request form');
    await r.getByRole('button', { name: '提交申请' }).click();
    await r.waitForLoadState();
    expect(await r.locator('.error-summary').isVisible(), 'an empty request is refused with an error summary');
    expect(await r.locator('#f-department-error').isVisible(), 'the department says why');
    expect(await r.locator('#f-description-error').isVisible(), 'the description says why');
    await h.audit(r, 'disclosure-new-errors [zh-Hans xl]');
    await r.screenshot({ path: `${SHOTS}/journey-disclosure-errors-xl-375.png`, fullPage: true });
    step('政策文件 → 申请政府信息公开; sending it empty names the department and the information (audited)');

    const description = `请公开2025年广安区城乡低保资金的使用情况，包括各街道的保障人数和发放金额（${stamp}）。`;
    await r.getByLabel('向哪个部门申请').selectOption({ label: DEPARTMENT });
    await r.getByLabel('需要公开的信息').fill(description);
    await r.getByLabel('电子文件（在本平台查看）').check();
    await r.getByRole('button', { name: '提交申请' }).click();
    await r.waitForURL(/\/account\/disclosure\/[0-9a-f-]{36}\?new=1$/);
    request = {
      id: new URL(r.url()).pathname.split('/').at(-1),
      receipt: (await fact(r, '申请编号')).trim(),
      // The day, without the note that the year's holidays are not announced yet.
      due: (await fact(r, '答复期限')).trim().split(/\s/)[0],
    };
    expect(await r.getByText('申请已登记。').isVisible(), 'told it is registered');
    expect(request.receipt.length >= 6, `a request number (${request.receipt})`);
    expect(/^\d{4}-\d{2}-\d{2}$/.test(request.due), `a due day (${request.due})`);
    const received = (await fact(r, '收到日期')).trim();
    expect(request.due > received, `due after it was received (${received} → ${request.due})`);
    expect((await fact(r, '向哪个部门申请')).trim() === DEPARTMENT, DEPARTMENT);
    expect((await fact(r, '状态')).trim() === '办理中', '办理中');
    expect(!(await overflows(r)), 'no sideways scrolling');
    await r.screenshot({ path: `${SHOTS}/journey-disclosure-registered-xl-375.png`, fullPage: true });
    step(`sent to ${DEPARTMENT}: 申请编号 ${request.receipt}, 答复期限 ${request.due} (received ${received})`);

    await s.goto(`${BASE}/console`);
    await s.getByRole('link', { name: '依申请公开' }).first().click();
    await s.waitForURL(/\/console\/disclosure$/);
    const row = s.locator('tr', { has: s.getByRole('link', { name: request.receipt }) });
    expect((await row.locator('td').nth(3).innerText()).trim() === request.due, 'the queue shows the due day');
    await row.getByRole('link', { name: request.receipt }).click();
    await s.waitForURL(new RegExp(`/console/disclosure/${request.id}$`));
    expect(await s.getByText(description).isVisible(), 'staff read what is asked');
    await act(s, '请申请人补正（期限暂停）', { text: '请说明需要的是全年合计，还是按月、按街道分列的情况。' });
    await s.waitForURL(/[?&]done=1/);
    expect((await fact(s, '状态')).trim() === '等待补正', '等待补正');
    expect((await fact(s, '答复期限')).trim() === '等待补正，期限暂停', 'the clock stops');
    step('区民政局 opened 依申请公开, found the request by its number and asked: 请申请人补正（期限暂停）');

    await r.goto(`${BASE}/account/messages`);
    const asked = await reloadUntil(r, async () => (await r.locator('main').innerText()).includes('政府信息公开申请需要补正'), 5_000);
    expect(asked, 'the resident is told the department asks her to make it clear');
    expect((await r.locator('main').innerText()).includes(request.receipt), 'the message names the request number');
    await r.goto(`${BASE}/account/disclosure`);
    await r.getByRole('link', { name: new RegExp(request.receipt) }).click();
    await r.waitForURL(new RegExp(`/account/disclosure/${request.id}$`));
    expect((await fact(r, '状态')).trim() === '等待补正', 'the resident sees 等待补正');
    expect((await fact(r, '答复期限')).trim() === '等待补正，期限暂停', 'and that the clock stopped');
    expect(await r.getByRole('heading', { name: '部门请您补正' }).isVisible(), 'and what the department asks');
    await r.screenshot({ path: `${SHOTS}/journey-disclosure-clarify-xl-375.png`, fullPage: true });
    await h.auditAll(r, [
      ['disclosure-new', '/disclosure/new'],
      ['disclosure-mine', '/account/disclosure'],
      ['disclosure-request', `/account/disclosure/${request.id}`],
    ]);
    await h.setPrefs(r, 'zh-Hans', true);
    await r.goto(`${BASE}/account/disclosure/${request.id}`);
    const clarification = '需要按街道分列的全年情况，每个街道的保障人数和发放金额。';
    await r.getByLabel('内容', { exact: true }).fill(clarification);
    await r.getByRole('button', { name: '提交补正' }).click();
    await r.waitForURL(new RegExp(`/account/disclosure/${request.id}\\?done=1$`));
    expect((await fact(r, '状态')).trim() === '办理中', 'handled again');
    expect(await r.getByText('已提交补正。').isVisible(), 'told the clarification arrived');
    const due2 = (await fact(r, '答复期限')).trim().split(/\s/)[0];
    expect(/^\d{4}-\d{2}-\d{2}$/.test(due2) && due2 >= request.due, `a due day again, not earlier (${due2})`);
    expect(await r.getByText(clarification).isVisible(), 'her clarification is shown');
    step(`told in her messages, the resident saw 等待补正 and sent 补正: 办理中 again, 答复期限 ${due2}`);
    await h.auditAll(s, [
      ['console-disclosure', '/console/disclosure'],
      ['console-disclosure-case', `/console/disclosure/${request.id}`],
    ]);

    await s.goto(`${BASE}/console/disclosure/${request.id}`);
    const answer = '附件为2025年各街道城乡低保保障人数和发放金额汇总表，请在本平台查看。';
    await act(s, '答复', { type: '部分公开', text: answer });
    expect(await s.locator('.error-summary').isVisible(), '部分公开 without the reason is refused with an error summary');
    expect(await s.locator('#f-reason-error').isVisible(), 'and 不予公开的理由 says why');
    await s.locator('.error-summary a[href="#f-reason"]').click();
    expect(await s.evaluate(() => document.activeElement?.id === 'f-reason'), 'the summary leads to the reason');
    await h.audit(s, 'console-disclosure-case-errors');
    await s.screenshot({ path: `${SHOTS}/journey-disclosure-answer-errors-1280.png`, fullPage: true });
    step('答复 部分公开 without the reason: refused, the summary points at 不予公开的理由 (audited)');
    const reason = '享受低保人员的姓名和身份证号属于个人隐私，依据《中华人民共和国政府信息公开条例》第十五条不予公开。';
    await act(s, '答复', { type: '部分公开', text: answer, reason });
    await s.waitForURL(/[?&]done=1/);
    expect((await fact(s, '状态')).trim() === '已答复', '已答复');
    step('答复 部分公开 with 不予公开的理由: 已答复');

    await r.goto(`${BASE}/account/messages`);
    const answered = await reloadUntil(r, async () => (await r.locator('main').innerText()).includes('政府信息公开申请已答复'), 5_000);
    expect(answered, 'the resident is told it is answered');
    await r.goto(`${BASE}/account/disclosure/${request.id}`);
    expect((await fact(r, '状态')).trim() === '已答复', 'the resident sees 已答复');
    const panel = r.locator('section[aria-labelledby="answer-title"]');
    expect(await panel.getByText('部分公开', { exact: true }).isVisible(), 'the kind of answer');
    expect(await panel.getByText(answer).isVisible(), 'the answer');
    expect(await panel.getByText(reason).isVisible(), 'and why part is withheld');
    expect(!(await overflows(r)), 'the answer does not scroll sideways');
    await r.screenshot({ path: `${SHOTS}/journey-disclosure-answered-xl-375.png`, fullPage: true });
    await h.audit(r, 'disclosure-request-answered [zh-Hans xl]');
    step('told in her messages, the resident reads the answer: 部分公开, the text and the reason (audited)');

    await s.goto(`${BASE}/console/disclosure`);
    await s.getByRole('link', { name: '政府信息公开年度报告：依申请公开情况' }).click();
    await s.waitForURL(/\/console\/disclosure\/report$/);
    const col = await reportRow(s);
    expect(col('收到申请') !== undefined, `the report has a row for ${DEPARTMENT}`);
    const more = (name) => Number(col(name)) - Number(before(name) ?? 0);
    expect(more('收到申请') === 1, `${DEPARTMENT}: 1 more received (${before('收到申请') ?? 0} → ${col('收到申请')})`);
    expect(more('部分公开') === 1, `${DEPARTMENT}: 1 more 部分公开 (${before('部分公开') ?? 0} → ${col('部分公开')})`);
    expect(more('结转下年') === 0, `${DEPARTMENT}: none more carried over (${before('结转下年') ?? 0} → ${col('结转下年')})`);
    await s.screenshot({ path: `${SHOTS}/journey-disclosure-report-1280.png`, fullPage: true });
    step(`年度报告: ${DEPARTMENT} — 收到申请 ${col('收到申请')} (this one: +${more('收到申请')}), 部分公开 ${col('部分公开')}, 超期 ${col('超期')}, 结转下年 ${col('结转下年')}`);
    await h.auditAll(s, [['console-disclosure-report', '/console/disclosure/report']]);
    await h.auditAll(s, [['console-disclosure-answered', `/console/disclosure/${request.id}`]], false);
    step('the request form, her request pages, the console queue, case and report audited');
    await staff.context.close();
    await h.setPrefs(r, 'zh-Hans', false);
    await resident.context.close();
  });
}
