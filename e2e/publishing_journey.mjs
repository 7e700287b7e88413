// 政务信息 (PUB-1…4), as people would live it: the district's editor writes a notice in 通知公告,
// uploads a picture with its alt text and pastes the line the page gives into the text, and
// sends it for review; the platform admin sends it back with a comment, the editor reads the
// comment, fixes the title and sends it again; the admin approves it for a time later today
// (it stays off the public site until then — publishing on time is covered by the Rust tests)
// and approves a second notice at once. A reader on a phone in extra-large text finds that
// notice from the home page, with its picture described, then opens the disclosure catalogue,
// the 2026 低保 policy, its explainer and the service guide it governs, and back; in Traditional
// the policy page reads converted. The console's document page with an error and the compare
// page are audited with axe.

import { PNG } from 'pngjs';
import { staffLogin } from './apply_journey.mjs';

// A small picture, as an editor's camera or screenshot would give one.
function picture(name) {
  const png = new PNG({ width: 48, height: 32 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 60, 40, 255], i);
  return { name, mimeType: 'image/png', buffer: PNG.sync.write(png) };
}

// Beijing time `minutes` from now, as a datetime-local input takes it (YYYY-MM-DDTHH:MM).
function beijingInput(minutes) {
  return new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

// Whether the page scrolls sideways (it must not, at 375 px in extra-large text).
const overflows = (page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

// Takes a step on the console's document page (操作, 意见或原因, 定时发布时间) and presses 确定.
async function act(page, label, { note = '', publishAt = '' } = {}) {
  const form = page.locator('form:has(select[name="action"])');
  await form.getByLabel('操作').selectOption({ label });
  if (note) await form.getByLabel('意见或原因').fill(note);
  if (publishAt) await form.getByLabel('定时发布时间').fill(publishAt);
  await form.getByRole('button', { name: '确定' }).click();
  await page.waitForLoadState();
}

// The state shown on the console's document page.
const stateOf = (page) => page.locator('dl.summary dt:text-is("状态") + dd').innerText();

// The editor writes a notice in 通知公告, uploads a picture and pastes its line into the text.
// Returns the document's id and the Markdown line.
async function writeNotice(h, page, { title, summary, body, alt, file }) {
  const { BASE, expect } = h;
  await page.goto(BASE + '/console/news');
  await page.locator('section[aria-labelledby="new-title"]').getByRole('link', { name: '通知公告', exact: true }).click();
  await page.waitForURL(/\/console\/news\/new\?column=notices$/);
  await page.getByLabel('标题', { exact: true }).fill(title);
  await page.getByLabel('摘要', { exact: true }).fill(summary);
  await page.getByLabel('正文', { exact: true }).fill(body);
  await page.getByLabel('来源', { exact: true }).fill('区行政审批局');
  await page.getByLabel('作者', { exact: true }).fill('吴编辑');
  await page.getByLabel('关键词', { exact: true }).fill('政务服务，通知');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.waitForURL(/\/console\/news\/[0-9a-f-]{36}\?saved=1$/);
  const id = new URL(page.url()).pathname.split('/').at(-1);
  expect(await page.getByText('已保存。').isVisible(), 'saved');
  expect((await stateOf(page)).trim() === '草稿', 'a draft');

  await page.getByLabel('图片说明（替代文字）').fill(alt);
  await page.getByLabel('图片文件').setInputFiles(picture(file));
  await page.getByRole('button', { name: '上传图片' }).click();
  await page.waitForURL(/[?&]image=/);
  expect(await page.getByText('图片已上传。').isVisible(), 'the picture is uploaded');
  const line = await page.getByLabel('把这一行复制到正文中要放图片的位置：').inputValue();
  expect(line.startsWith(`![${alt}](/news/images/`) && line.endsWith(')'), `the line to paste (got ${line})`);

  await page.getByRole('link', { name: '修改', exact: true }).click();
  await page.waitForURL(new RegExp(`/console/news/${id}/edit$`));
  const text = page.getByLabel('正文', { exact: true });
  await text.fill(`${await text.inputValue()}\n\n${line}\n`);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.waitForURL(new RegExp(`/console/news/${id}\\?saved=1$`));
  const img = page.locator('#preview-title ~ .prose img');
  expect((await img.getAttribute('alt')) === alt, 'the preview shows the picture with its alt text');
  expect(await img.evaluate((i) => i.complete && i.naturalWidth === 48), 'the picture loads');
  return { id, line };
}

export async function publishingJourney(h) {
  const { BASE, SHOTS, step, expect } = h;
  const stamp = String(Date.now()).slice(-6);
  const first = {
    title: `关于政务服务大厅元旦调休办公的通知 ${stamp}`,
    fixed: `关于政务服务大厅元旦假期办公时间调整的通知 ${stamp}`,
    summary: '元旦假期大厅暂停现场办理，1月4日起恢复正常。',
    body: '## 办公时间\n\n元旦假期（1月1日至3日）政务服务大厅暂停现场办理，**1月4日**起恢复正常办公。\n\n- 网上办事不受影响\n- 急事可拨打12345',
    alt: '政务服务大厅的综合受理窗口',
    file: 'dating.png',
  };
  const second = {
    title: `关于社保窗口周六延时服务的通知 ${stamp}`,
    summary: '社保窗口每周六上午延时到12:30。',
    body: '从本周起，区政务服务中心社保窗口每周六上午的服务时间延长到12:30。\n\n请带好居民身份证。',
    alt: '社保窗口工作人员为群众办理业务',
    file: 'shebao.png',
  };
  let editor;
  let reviewer;
  let doc; // the first notice: { id, line }
  let published; // the second notice's public path

  await h.run('An editor writes a notice with a picture and sends it for review', async () => {
    editor = await staffLogin(h, 'bianji', 1280);
    const { page } = editor;
    doc = await writeNotice(h, page, first);
    step(`wrote a draft in 通知公告 and saved it: ${first.title}`);
    step(`uploaded a picture with its alt text and pasted ${doc.line.slice(0, 28)}… into the text`);
    await page.screenshot({ path: `${SHOTS}/journey-news-console-draft-1280.png`, fullPage: true });
    await act(page, '提交审核');
    expect((await stateOf(page)).trim() === '待审核', 'in review');
    expect(!(await page.locator('select[name="action"] option', { hasText: '审核通过' }).count()), 'an editor cannot approve');
    step('sent it for review; the editor is offered no approval');
  });

  await h.run('The reviewer sends it back with a comment; the editor fixes the title and sends it again', async () => {
    expect(doc, 'no notice from the previous journey');
    reviewer = await staffLogin(h, 'admin', 1280);
    const { page } = reviewer;
    await page.goto(BASE + '/console/news?state=in_review');
    await page.getByRole('link', { name: first.title, exact: true }).click();
    await page.waitForURL(new RegExp(`/console/news/${doc.id}$`));
    await act(page, '退回修改');
    expect(await page.locator('.error-summary').isVisible(), 'sending back without a comment is refused with an error summary');
    expect(await page.locator('#f-note-error').isVisible(), 'and the comment box says why');
    await page.locator('.error-summary a[href="#f-note"]').click();
    expect(await page.evaluate(() => document.activeElement?.id === 'f-note'), 'the summary\'s link leads to the comment box');
    await h.audit(page, 'console-news-doc-errors');
    await page.screenshot({ path: `${SHOTS}/journey-news-console-errors-1280.png`, fullPage: true });
    step('sending back without a comment: the error summary points at 意见或原因 (audited)');
    const comment = '标题请写明“假期办公时间调整”，让群众一眼看懂。';
    await act(page, '退回修改', { note: comment });
    await page.waitForURL(/[?&]done=1/);
    expect((await stateOf(page)).trim() === '草稿', 'back to draft');
    step('sent back with a comment');

    const ed = editor.page;
    await ed.goto(`${BASE}/console/news/${doc.id}`);
    expect((await ed.locator('dl.summary dt:text-is("审核意见") + dd').innerText()).trim() === comment, 'the editor reads the comment');
    await ed.getByRole('link', { name: '修改', exact: true }).click();
    await ed.getByLabel('标题', { exact: true }).fill(first.fixed);
    await ed.getByRole('button', { name: '保存', exact: true }).click();
    await ed.waitForURL(new RegExp(`/console/news/${doc.id}\\?saved=1$`));
    expect(await ed.getByRole('heading', { name: first.fixed, level: 1 }).isVisible(), 'the new title');
    await act(ed, '提交审核');
    expect((await stateOf(ed)).trim() === '待审核', 'in review again');
    step('the editor read 审核意见, fixed the title and sent it again');

    await ed.getByRole('link', { name: '与上一版比较' }).first().click();
    await ed.waitForURL(new RegExp(`/console/news/${doc.id}/compare\\?`));
    expect(await ed.locator('pre.diff ins', { hasText: first.fixed }).isVisible(), 'the new title is marked added');
    expect(await ed.locator('pre.diff del', { hasText: first.title }).isVisible(), 'the old one removed');
    const compare = new URL(ed.url());
    await ed.screenshot({ path: `${SHOTS}/journey-news-compare-1280.png`, fullPage: true });
    await h.auditAll(ed, [['console-news-compare', compare.pathname + compare.search]], false);
    step('与上一版比较 shows the title changed (audited in three languages, large text, high contrast)');
  });

  await h.run('The reviewer approves it for later; it stays off the public site until then', async () => {
    expect(doc && reviewer, 'no notice in review from the previous journey');
    const { page } = reviewer;
    await page.goto(`${BASE}/console/news/${doc.id}`);
    const at = beijingInput(15);
    await act(page, '审核通过并发布（填写时间则定时发布）', { publishAt: at });
    await page.waitForURL(/[?&]done=1/);
    expect((await stateOf(page)).trim() === '定时发布', `scheduled (state: ${await stateOf(page)})`);
    const shown = (await page.locator('dl.summary dt:text-is("定时发布时间") + dd').innerText()).trim();
    expect(shown === at.replace('T', ' '), `the time set is shown (${shown}, set ${at})`);
    await page.screenshot({ path: `${SHOTS}/journey-news-console-scheduled-1280.png`, fullPage: true });
    const res = await fetch(`${BASE}/news/${doc.id}`);
    expect(res.status === 404, `the public page answers 404 before its time (got ${res.status})`);
    const feed = await (await fetch(BASE + '/news/feed.atom')).text();
    expect(!feed.includes(doc.id), 'nor is it in the feed');
    step(`approved for ${shown} Beijing time: 定时发布, and /news/{id} answers 404 until then`);

    const ed = editor.page;
    const next = await writeNotice(h, ed, second);
    await act(ed, '提交审核');
    expect((await stateOf(ed)).trim() === '待审核', 'the second in review');
    await page.goto(`${BASE}/console/news/${next.id}`);
    await act(page, '审核通过并发布（填写时间则定时发布）');
    await page.waitForURL(/[?&]done=1/);
    expect((await stateOf(page)).trim() === '已发布', 'published at once');
    published = await page.locator('dl.summary a[href^="/news/"]').getAttribute('href');
    expect(published === `/news/${next.id}`, 'the console links to the public page');
    const res2 = await fetch(BASE + published);
    expect(res2.status === 200, `the public page answers (got ${res2.status})`);
    await editor.context.close();
    await reviewer.context.close();
    step(`a second notice with a picture, approved with no time: published at once (${second.title})`);
  });

  await h.run('A reader on a phone in extra-large text finds the notice, a policy, its explainer and its service', async () => {
    expect(published, 'no published notice from the previous journey');
    const { page, context } = await h.newPage(375);
    await page.goto(BASE + '/');
    await h.setPrefs(page, 'zh-Hans', true);
    const block = page.locator('section[aria-labelledby="front-news"]');
    expect(await block.getByRole('heading', { name: '政务信息', level: 2 }).isVisible(), 'the home page has 政务信息');
    expect(await block.getByRole('link', { name: second.title }).isVisible(), 'with the new notice among the latest');
    await block.getByRole('link', { name: '全部政务信息' }).click();
    await page.waitForURL(/\/news$/);
    expect(await page.getByRole('heading', { name: '政务信息', level: 1 }).isVisible(), '/news');
    expect(!(await overflows(page)), '/news does not scroll sideways');
    await page.screenshot({ path: `${SHOTS}/journey-news-index-xl-375.png`, fullPage: true });
    step('home page → 政务信息 → 全部政务信息 (/news)');

    await page.locator('section[aria-labelledby="col-notices"]').getByRole('link', { name: second.title }).click();
    await page.waitForURL(new RegExp(`${published}$`));
    expect(await page.getByRole('heading', { name: second.title, level: 1 }).isVisible(), 'the notice');
    expect(await page.getByRole('img', { name: second.alt }).isVisible(), 'its picture, described by its alt text');
    expect(await page.locator('article .prose img').evaluate((i) => i.complete && i.naturalWidth === 48), 'the picture loads');
    expect((await page.getByLabel('本文链接（可复制）').inputValue()).endsWith(published), 'a link to share');
    expect(await page.getByRole('img', { name: '用手机扫码打开本文' }).isVisible(), 'and a QR code');
    expect(!(await overflows(page)), 'the notice does not scroll sideways');
    await page.screenshot({ path: `${SHOTS}/journey-news-article-xl-375.png`, fullPage: true });
    step('opened the notice: its picture is described by its alt text; no sideways scrolling at 375 px');

    await page.locator('main a[href="/news"]').first().click();
    await page.waitForURL(/\/news$/);
    await page.locator('main a[href="/policies"]').first().click();
    await page.waitForURL(/\/policies$/);
    expect(await page.getByRole('heading', { name: '政策文件', level: 1 }).isVisible(), 'the disclosure catalogue');
    expect(!(await overflows(page)), '/policies does not scroll sideways');
    await page.screenshot({ path: `${SHOTS}/journey-news-policies-xl-375.png`, fullPage: true });
    await page.getByRole('link', { name: '广安区城乡居民最低生活保障实施办法', exact: true }).click();
    await page.waitForURL(/\/news\/[0-9a-f-]{36}$/);
    const policy = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { name: '广安区城乡居民最低生活保障实施办法', level: 1 }).isVisible(), 'the policy');
    expect((await page.locator('dl.summary dt:text-is("有效性") + dd').innerText()).trim() === '有效', 'in force');
    expect((await page.locator('dl.summary dt:text-is("文号") + dd').innerText()).includes('广安区府发〔2026〕3号'), 'its document number');
    expect(!(await overflows(page)), 'the policy does not scroll sideways');
    await page.screenshot({ path: `${SHOTS}/journey-news-policy-xl-375.png`, fullPage: true });
    step('/policies → 广安区城乡居民最低生活保障实施办法 (有效, 广安区府发〔2026〕3号)');

    await page.locator('section[aria-labelledby="interp-title"]').getByRole('link', { name: '一图读懂：城乡居民最低生活保障怎么申请' }).click();
    await page.waitForURL(/\/news\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { name: '一图读懂：城乡居民最低生活保障怎么申请', level: 1 }).isVisible(), 'the explainer');
    const explains = page.locator('section[aria-labelledby="explains-title"]');
    expect(await explains.getByRole('heading', { name: '本文解读的政策文件' }).isVisible(), 'it names what it explains');
    expect((await explains.getByRole('link', { name: '广安区城乡居民最低生活保障实施办法', exact: true }).getAttribute('href')) === policy, 'the policy, linked');
    expect(!(await overflows(page)), 'the explainer does not scroll sideways');
    await page.screenshot({ path: `${SHOTS}/journey-news-explainer-xl-375.png`, fullPage: true });
    step('政策解读 → 一图读懂：城乡居民最低生活保障怎么申请, which lists 本文解读的政策文件');

    await page.goBack();
    await page.waitForURL(new RegExp(`${policy}$`));
    await page.locator('section[aria-labelledby="items-title"]').getByRole('link', { name: '最低生活保障', exact: true }).click();
    await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { name: '最低生活保障', level: 1 }).isVisible(), 'the service guide');
    expect(await page.getByRole('heading', { name: '相关政策文件' }).isVisible(), 'the guide lists its policy documents');
    const listed = page.locator('#policy-documents + ul').getByRole('link', { name: '广安区城乡居民最低生活保障实施办法', exact: true });
    expect((await listed.getAttribute('href')) === policy, 'the policy, linked from the guide');
    expect(!(await overflows(page)), 'the guide does not scroll sideways');
    await page.screenshot({ path: `${SHOTS}/journey-news-guide-xl-375.png`, fullPage: true });
    step('back, then 相关办事事项 → 最低生活保障, whose 相关政策文件 lists the policy');

    await h.setPrefs(page, 'zh-Hant', true);
    await page.goto(BASE + policy);
    expect((await page.getAttribute('html', 'lang')) === 'zh-Hant', 'Traditional');
    expect(await page.getByRole('heading', { name: '廣安區城鄉居民最低生活保障實施辦法', level: 1 }).isVisible(), 'the title converted');
    expect(await page.getByRole('heading', { name: '政策解讀', level: 2 }).isVisible(), '政策解讀');
    expect(await page.getByRole('link', { name: '一圖讀懂：城鄉居民最低生活保障怎麼申請' }).isVisible(), 'the explainer\'s title converted too');
    expect(!(await overflows(page)), 'no sideways scrolling in Traditional either');
    await page.screenshot({ path: `${SHOTS}/journey-news-policy-hant-xl-375.png`, fullPage: true });
    step('in Traditional: 廣安區城鄉居民最低生活保障實施辦法 with 政策解讀');
    await h.setPrefs(page, 'zh-Hans', false);
    await context.close();
  });
}
