// The form builder journey of issue 4 (APP-1, APP-5), on a phone-sized screen: the civil
// affairs bureau's editor opens 最低生活保障 in the console, starts a draft, adds a question
// without code, is told about a key already used (nothing saved), sets the question up,
// previews the draft as applicants will see it, writes an age rule and tries it on a sample
// applicant, then publishes after the confirmation page. Every builder page is audited with axe
// (three languages, normal and large text, high contrast) and photographed at 375 px.

import { staffLogin } from './apply_journey.mjs';

const ITEM = '最低生活保障';

export async function formBuilderJourney(h) {
  const { BASE, SHOTS, step, expect } = h;
  const key = 'note_' + String(Date.now()).slice(-6);
  let base;
  let s;

  await h.run('An editor builds a question of 最低生活保障 without code and is told about a duplicate key', async () => {
    s = await staffLogin(h, 'minzheng', 375);
    const { page } = s;
    const found = await (await fetch(`${BASE}/api/v1/search?q=${encodeURIComponent(ITEM)}&kind=item&limit=1`)).json();
    const itemId = found.results[0].id;
    await page.goto(`${BASE}/console/items/${itemId}`);
    await page.getByRole('link', { name: '在线申请表单' }).click();
    await page.waitForURL(/\/form$/);
    base = new URL(page.url()).pathname;
    const start = page.getByRole('button', { name: '开始编辑' });
    if (await start.count()) {
      await start.click();
      await page.waitForURL(/\/form$/);
    }
    expect(await page.getByRole('heading', { name: /草稿/ }).isVisible(), 'a draft is being edited');
    step('the item page links to its online form; a draft starts from the version in use');

    const add = page.locator('form:has(button[value="add_field:0"])');
    await add.locator('#f-sections-0-new-key').fill(key);
    await add.locator('#f-sections-0-new-label-zh').fill('补充说明');
    await add.locator('#f-sections-0-new-kind').selectOption('text');
    await add.locator('button[value="add_field:0"]').click();
    await page.waitForURL(new RegExp(`/fields/${key}`));
    await page.locator('#f-label-en').fill('Anything else');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.getByText('已保存到草稿').isVisible(), 'saved to the draft');
    step('a question added and set up, field by field');

    await page.goto(BASE + base);
    const again = page.locator('form:has(button[value="add_field:0"])');
    await again.locator('#f-sections-0-new-key').fill(key);
    await again.locator('#f-sections-0-new-label-zh').fill('再一个说明');
    await again.locator('button[value="add_field:0"]').click();
    await page.waitForLoadState();
    expect(await page.getByText('没有保存任何改动').isVisible(), 'nothing saved');
    expect(await page.locator('#f-sections-0-new-key-error').isVisible(), 'the error sits next to the key');
    await h.audit(page, 'console-form-errors');
    await page.screenshot({ path: `${SHOTS}/journey-form-duplicate-375.png`, fullPage: true });
    step('a key used twice is refused next to its input, with nothing changed');
  });

  await h.run('The editor previews the draft, writes an age rule and tries it on sample applicants', async () => {
    const { page } = s;
    await page.goto(`${BASE}${base}/preview`);
    expect(await page.getByText('预览：').isVisible(), 'marked as a preview');
    await page.locator('ol.list a').first().click();
    await page.waitForURL(/\/preview\/\w+/);
    expect((await page.getByRole('button', { name: '保存并继续' }).count()) === 0, 'nothing to submit');
    await page.screenshot({ path: `${SHOTS}/journey-form-preview-375.png`, fullPage: true });
    step('the preview is the applicant\'s page, with no way to submit');

    await page.goto(`${BASE}${base}/rules/_new?test=age`);
    await page.locator('#f-key').fill('adult_' + key.slice(-6));
    await page.locator('#f-label-zh').fill('申请人年满18周岁');
    await page.locator('#f-min').fill('18');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/saved=1/);
    await page.goto(`${BASE}${base}/dry-run`);
    await page.locator('#f-_id_number').fill('51160220150101002' + checkChar('51160220150101002'));
    await page.getByRole('button', { name: '试算' }).click();
    await page.waitForLoadState();
    expect(await page.getByText('不会秒批').isVisible(), 'a child does not pass the age rule');
    await h.audit(page, 'console-form-dry-run-result');
    await page.screenshot({ path: `${SHOTS}/journey-form-dry-run-375.png`, fullPage: true });
    step('a rule written without code; the dry run shows each rule with its inputs and sources');
  });

  await h.run('Accessibility of the form builder pages', async () => {
    await h.auditAll(s.page, [
      ['console-form', base],
      ['console-form-field', `${base}/fields/${key}`],
      ['console-form-workflow', `${base}/workflow`],
      ['console-form-rules', `${base}/rules`],
      ['console-form-rule', `${base}/rules/_new?test=field`],
      ['console-form-dry-run', `${base}/dry-run`],
      ['console-form-preview', `${base}/preview`],
      ['console-form-publish', `${base}/publish`],
    ]);
    step('8 builder page types audited');
  });

  await h.run('The editor publishes after the confirmation page', async () => {
    const { page, context } = s;
    await page.goto(`${BASE}${base}/publish`);
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.waitForURL(/published=\d+/);
    expect(await page.getByText(/已发布/).isVisible(), 'published');
    await page.screenshot({ path: `${SHOTS}/journey-form-published-375.png`, fullPage: true });
    await context.close();
    step('published: new applications use the new version');
  });
}

// GB 11643-1999 check character of 17 digits.
function checkChar(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((a, d, i) => a + Number(d) * w[i], 0);
  return '10X98765432'[sum % 11];
}
