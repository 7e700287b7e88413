// 我要问政 (INQ-1…5), as people would live it: on a phone in extra-large text a resident without
// an account reports a street light out in 幸福路 and keeps the receipt and the one-time query
// code; a logged-in resident reports the same light, agreeing to publication; the 12345
// dispatcher finds both at the dispatch desk, sees the second is like the first, merges it in
// and sends the first to 区民政局, whose admin acknowledges and answers; the logged-in resident
// reads the answer and rates it, the other looks it up with receipt and code; the answer goes
// on the public board after its handler confirms the masked texts; the operator records a call.
// Every inquiry page type on the way is audited with axe (three languages, normal and large
// text, high contrast) and photographed at 375 px.

import { PNG } from 'pngjs';
import { staffLogin } from './apply_journey.mjs';

// Where the resident stands (幸福路, 广安区), as the browser's location service reports it.
const HERE = { latitude: 30.4564, longitude: 106.6331 };

// A small photo, as a phone's camera would attach one.
function photo() {
  const png = new PNG({ width: 32, height: 24 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([40, 40, 60, 255], i);
  return { name: 'ludeng.png', mimeType: 'image/png', buffer: PNG.sync.write(png) };
}

const CITIZEN_PHONE = '13800000000';
const STREET = '511602001'; // 浓洄街道
const DEPARTMENT = '区民政局';

// Fills the asking form (on the website or the operator's call form) field by field.
async function fillInquiry(page, { kind, category, title, body, address, public: wantsPublic }) {
  await page.getByLabel('类型').selectOption(kind);
  await page.getByLabel('事项分类').selectOption(category);
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('具体内容').fill(body);
  await page.getByLabel(/所在地区/).selectOption(STREET);
  await page.getByLabel('详细地址').fill(address);
  if (wantsPublic) await page.getByLabel(/同意在公开平台上展示/).check();
}

// Takes one step on the console's case page and waits for its "done" answer.
async function act(page, action, fill = async () => {}) {
  const form = page.locator('form:has(select[name="action"])');
  await form.locator('select[name="action"]').selectOption(action);
  await fill(form);
  await form.getByRole('button', { name: '确定' }).click();
  await page.waitForURL(/[?&]done=1/);
}

// Whether the page scrolls sideways (it must not, at 375 px in extra-large text).
const overflows = (page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

export async function inquiryJourney(h) {
  const { BASE, SHOTS, step, expect } = h;
  const stamp = String(Date.now()).slice(-6);
  const first = {
    kind: 'complaint',
    category: 'traffic',
    title: `幸福路路灯不亮 ${stamp}`,
    body: '幸福路12号门口的路灯已经坏了一个星期，晚上走路看不见，老人小孩容易摔倒，请尽快修好。',
    address: '幸福路12号门口',
    public: true,
  };
  const second = {
    ...first,
    title: `幸福路晚上太黑 ${stamp}`,
    body: '幸福路靠近12号的一段路灯一直不亮，晚上很不安全，希望有关部门来看看。',
    address: '幸福路14号',
  };
  let anon; // { receipt, code, id }
  let mine; // { receipt, id }
  let resident;

  await h.run('A resident without an account reports a street light out, on a phone in extra-large text', async () => {
    const s = await h.newPage(375);
    const { page } = s;
    await page.goto(BASE + '/');
    await h.setPrefs(page, 'zh-Hans', true);
    await page.getByRole('link', { name: '我要问政' }).first().click();
    await page.waitForURL(/\/inquiries\/new$/);
    expect(await page.getByRole('heading', { name: '我要问政', level: 1 }).isVisible(), 'the asking form');
    expect(!(await page.locator('select[name="kind"] option[value="petition"]').count()), 'no 信访 without an account');
    expect(!(await page.getByLabel(/匿名/).count()), 'no anonymity box without an account');
    await fillInquiry(page, first);
    await s.context.grantPermissions(['geolocation'], { origin: new URL(BASE).origin });
    await s.context.setGeolocation(HERE);
    await page.getByRole('button', { name: '使用我现在的位置' }).click();
    await page.getByText('已记下您的位置。').waitFor();
    await page.getByLabel(/照片/).setInputFiles(photo());
    await h.audit(page, 'inquiry-new-anonymous [zh-Hans xl]');
    expect(!(await overflows(page)), 'no sideways scrolling at 375 px in extra-large text');
    await page.screenshot({ path: `${SHOTS}/journey-inquiry-new-xl-375.png`, fullPage: true });
    step('我要问政 from the home page; kind, topic, street, address, the phone\'s location and a photo');

    await page.getByRole('button', { name: '提交', exact: true }).click();
    expect(await page.getByRole('heading', { name: '已收到您的诉求' }).isVisible(), 'the confirmation page');
    const tokens = (await page.locator('strong.receipt').allInnerTexts()).map((t) => t.trim());
    expect(tokens.length === 2, `a receipt and a query code (got ${tokens.join(', ')})`);
    const [receipt, code] = tokens;
    expect(/^\d{8}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(receipt), `receipt number ${receipt}`);
    expect(/^[0-9A-Z]{6,10}$/.test(code), `query code ${code}`);
    expect(await page.getByText('查询码只显示这一次').isVisible(), 'told to keep the code');
    expect(!(await overflows(page)), 'the confirmation does not scroll sideways either');
    await page.screenshot({ path: `${SHOTS}/journey-inquiry-done-xl-375.png`, fullPage: true });
    await h.audit(page, 'inquiry-done [zh-Hans xl]');
    anon = { receipt, code };
    await h.setPrefs(page, 'zh-Hans', false);
    await s.context.close();
    step(`asked without an account: receipt ${receipt} and a one-time query code`);
  });

  await h.run('A logged-in resident reports the same light, agreeing to publication', async () => {
    resident = await h.newPage(375);
    const { page } = resident;
    await page.goto(BASE + '/account/login?next=/inquiries/new');
    await page.getByLabel('手机号码').fill(CITIZEN_PHONE);
    await page.getByLabel('密码').fill(h.PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/inquiries\/new$/);
    expect(await page.locator('select[name="kind"] option[value="petition"]').count() === 1, '信访 offered with an account');
    expect(await page.getByLabel(/匿名/).isVisible(), 'anonymity offered with an account');
    await fillInquiry(page, second);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    expect(await page.getByRole('heading', { name: '已收到您的诉求' }).isVisible(), 'the confirmation page');
    const tokens = (await page.locator('strong.receipt').allInnerTexts()).map((t) => t.trim());
    expect(tokens.length === 1, `a receipt and no query code with an account (got ${tokens.join(', ')})`);
    await page.screenshot({ path: `${SHOTS}/journey-inquiry-done-account-375.png`, fullPage: true });
    await page.getByRole('link', { name: '办理过程' }).click();
    await page.waitForURL(/\/inquiries\/[0-9a-f-]{36}$/);
    mine = { receipt: tokens[0], id: page.url().split('/').at(-1) };
    expect(await page.getByText(mine.receipt).first().isVisible(), 'the inquiry page shows its receipt');
    await page.goto(BASE + '/account/inquiries');
    expect(await page.getByRole('link', { name: second.title }).isVisible(), 'listed under 我的诉求');
    await page.screenshot({ path: `${SHOTS}/journey-inquiry-mine-375.png`, fullPage: true });
    step(`asked with an account: ${mine.receipt}, listed under 我的诉求`);
  });

  await h.run('The dispatcher finds both at the desk, merges the second into the first and routes it', async () => {
    expect(anon && mine, 'no inquiries from the previous journeys');
    const s = await staffLogin(h, 'paidan', 375);
    const { page } = s;
    await page.goto(BASE + '/console/inquiries/desk');
    const rowOf = (receipt) => page.locator('main table tbody tr', { hasText: receipt });
    expect(await rowOf(anon.receipt).count() === 1, 'the first inquiry waits at the desk (no rule for 交通出行)');
    expect(await rowOf(mine.receipt).count() === 1, 'the second one too');
    await page.screenshot({ path: `${SHOTS}/journey-inquiry-desk-375.png`, fullPage: true });
    anon.id = (await rowOf(anon.receipt).locator('a').getAttribute('href')).split('/').at(-1);
    await rowOf(mine.receipt).locator('a').click();
    await page.waitForURL(new RegExp(`/console/inquiries/${mine.id}$`));
    expect(await page.getByRole('heading', { name: '相似的未办结诉求' }).isVisible(), 'similar open inquiries shown');
    expect(await page.locator('#similar-title + p + ul').getByText(anon.receipt).isVisible(), 'the first one among them');
    await page.screenshot({ path: `${SHOTS}/journey-inquiry-similar-375.png`, fullPage: true });
    await act(page, 'merge', async (f) => {
      await f.locator('select[name="into"]').selectOption(anon.id);
    });
    expect(await page.locator('ol.timeline').getByText('合并办理').isVisible(), 'the history tells of the merge');
    await page.goto(BASE + `/console/inquiries/${anon.id}`);
    expect(await page.locator('ul.photos img').count() === 1, 'the anonymous report\'s photo is on its case page');
    expect(await page.getByText('30.4564').first().isVisible(), 'and where it was taken');
    step('both at the desk; the second shows the first as similar and is merged into it');

    await page.goto(`${BASE}/console/inquiries/${anon.id}`);
    await act(page, 'route', async (f) => {
      await f.locator('select[name="department"]').selectOption({ label: DEPARTMENT });
    });
    expect(await page.locator('dl.summary').getByText(DEPARTMENT).isVisible(), `sent to ${DEPARTMENT}`);
    await page.goto(BASE + '/console/inquiries/desk');
    expect(await rowOf(anon.receipt).count() === 0 && await rowOf(mine.receipt).count() === 0, 'neither waits at the desk any more');
    step(`the first routed to ${DEPARTMENT}; the desk is clear of both`);

    await h.auditAll(page, [
      ['console-inquiry-desk', '/console/inquiries/desk'],
      ['console-inquiry-call', '/console/inquiries/call'],
    ]);
    step('dispatch desk and call form audited');

    await page.goto(BASE + '/console/inquiries/call');
    await page.getByLabel('来电号码').fill('13900000' + stamp.slice(-3));
    await page.getByLabel('来电人称呼').fill('李女士');
    await fillInquiry(page, { ...first, title: `幸福路路灯又坏了 ${stamp}`, body: '来电反映幸福路12号附近路灯不亮，请派人查看。', public: false });
    await page.getByRole('button', { name: '保存并告知来电人' }).click();
    await page.waitForLoadState();
    const tokens = (await page.locator('strong.receipt').allInnerTexts()).map((t) => t.trim());
    expect(tokens.length === 2 && /^\d{8}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(tokens[0]), `a receipt and a query code to read out (got ${tokens.join(', ')})`);
    await page.screenshot({ path: `${SHOTS}/journey-inquiry-call-375.png`, fullPage: true });
    await page.goto(BASE + '/console/inquiries/desk');
    expect(await rowOf(tokens[0]).count() === 1, 'the call waits at the desk');
    await s.context.close();
    step(`a 12345 call recorded: ${tokens[0]}, with a query code to read out`);
  });

  await h.run(`${DEPARTMENT} acknowledges and answers; the answer is published after its handler confirms`, async () => {
    expect(anon?.id, 'no routed inquiry from the previous journey');
    const s = await staffLogin(h, 'minzheng', 375);
    const { page } = s;
    await page.goto(BASE + '/console/inquiries');
    await page.locator('main table tbody tr', { hasText: anon.receipt }).locator('a').click();
    await page.waitForURL(new RegExp(`/console/inquiries/${anon.id}$`));
    await act(page, 'acknowledge');
    await act(page, 'reply', async (f) => {
      await f.locator('textarea[name="text"]').fill('您好！经现场查看，幸福路12号至14号路段两盏路灯线路老化，已于今日更换线路和灯具，恢复照明。感谢您的反映。');
    });
    expect(await page.getByRole('heading', { name: '答复' }).isVisible(), 'the answer is on the case');
    await page.screenshot({ path: `${SHOTS}/journey-inquiry-case-375.png`, fullPage: true });
    step('acknowledged, then answered');

    await page.getByRole('link', { name: '公开到问政广场' }).click();
    await page.waitForURL(/\/publish$/);
    expect((await page.getByLabel('答复').inputValue()).includes('已于今日更换'), 'the answer to confirm');
    await page.screenshot({ path: `${SHOTS}/journey-inquiry-publish-375.png`, fullPage: true });
    await h.audit(page, 'console-inquiry-publish');
    await page.getByRole('button', { name: '确认并公开' }).click();
    await page.waitForURL(new RegExp(`/inquiries/board/${anon.id}$`));
    expect(await page.getByText('已于今日更换').first().isVisible(), 'the board shows the answer');
    step('the handler confirmed the masked texts; the answer is on 问政广场');

    await h.auditAll(page, [
      ['console-inquiries', '/console/inquiries'],
      ['console-inquiry', `/console/inquiries/${anon.id}`],
    ]);
    await s.context.close();
    step('queue and case page audited');
  });

  await h.run('The resident whose inquiry was merged is told of the answer, reads it on their page and rates it', async () => {
    expect(resident && anon?.id, 'no answered inquiry from the previous journeys');
    const { page } = resident;
    await page.goto(BASE + '/account/messages');
    expect(await page.getByText(/已答复/).first().isVisible(), 'a message says the inquiry was answered');
    await page.goto(`${BASE}/inquiries/${mine.id}`);
    await page.screenshot({ path: `${SHOTS}/journey-inquiry-answered-375.png`, fullPage: true });
    // The case page promises it: 合并后由选定的那件继续办理，每位提出人都会收到进度，并可以评价。
    expect(await page.getByText('已于今日更换').first().isVisible(), `the merged asker sees the answer on /inquiries/${mine.id}`);
    await page.locator('input[name="verdict"][value="satisfied"]').check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForURL(new RegExp(`/inquiries/${mine.id}$`));
    expect(!(await page.getByRole('button', { name: '提交评价' }).count()), 'rated once');
    step('the resident whose inquiry was merged read the answer and rated it 满意');
  });

  await h.run('The resident without an account looks the answer up with receipt and code and rates it', async () => {
    expect(anon?.id, 'no answered inquiry from the previous journeys');
    const other = await h.newPage(375);
    await other.page.goto(BASE + '/inquiries/lookup');
    await other.page.getByLabel('受理编号').fill(anon.receipt.toLowerCase());
    await other.page.getByLabel('查询码').fill(anon.code);
    await other.page.getByRole('button', { name: '查看', exact: true }).click();
    expect(await other.page.getByRole('heading', { name: first.title }).isVisible(), 'found by receipt and code');
    expect(await other.page.getByText('已于今日更换').first().isVisible(), 'the answer is shown');
    await other.page.screenshot({ path: `${SHOTS}/journey-inquiry-lookup-375.png`, fullPage: true });
    await h.audit(other.page, 'inquiry-looked-up');
    await other.page.locator('input[name="verdict"][value="basically_satisfied"]').check();
    await other.page.getByRole('button', { name: '提交评价' }).click();
    await other.page.waitForLoadState();
    expect(!(await other.page.getByRole('button', { name: '提交评价' }).count()), 'rated once');
    await other.page.screenshot({ path: `${SHOTS}/journey-inquiry-lookup-rated-375.png`, fullPage: true });
    await other.context.close();
    step('looked up with receipt and code (receipt typed in lower case); rated 基本满意');
  });

  await h.run('Accessibility of the public and resident inquiry pages', async () => {
    expect(resident && anon?.id && mine?.id, 'no inquiries from the previous journeys');
    const { page } = resident;
    await h.auditAll(page, [
      ['inquiry-new', '/inquiries/new'],
      ['inquiry-lookup', '/inquiries/lookup'],
      ['inquiry-board', '/inquiries/board'],
      ['inquiry-board-item', `/inquiries/board/${anon.id}`],
      ['inquiry-league', '/inquiries/league'],
      ['my-inquiries', '/account/inquiries'],
      ['my-inquiry', `/inquiries/${mine.id}`],
    ]);
    await resident.context.close();
    step('7 public and resident inquiry page types audited');
  });
}
