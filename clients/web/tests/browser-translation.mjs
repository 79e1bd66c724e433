// Live translation in headless Chromium, as two people would see it: an English host goes live;
// a Spanish reader opens the room; each line the host sends shows to the reader as sent and,
// under it, in Spanish (Apertium on the silo, offline), with kept terms such as "yyds" dotted and
// their note a hover or tap away. A reload shows the translations from the join snapshot;
// switching the reading language to Traditional Chinese (OpenCC) translates the next lines
// into it. Last, the glossary page lists, adds and deletes kept terms and entries and shows the
// server's 400 problems inline. Exits 0 on success; on failure prints why and saves screenshots
// under /tmp.
//
//   REALTIME_URL=http://127.0.0.1:5080 CHROMIUM_PATH=/usr/bin/chromium node tests/browser-translation.mjs
import {
  BASE, TIMEOUT_MS, check, createRoom, envNumber, openViewer, pageErrors, run, runBrowserTest, sendChat, signIn, step, tid, waitConnected,
} from './harness.mjs';

// A translation follows its line by up to a few seconds (the first Apertium call starts it).
const TRANSLATION_TIMEOUT_MS = envNumber('REALTIME_TRANSLATION_TIMEOUT_MS', 30000);

async function waitForRoomTitle(page, title, who) {
  await page.waitForFunction(
    (t) => document.querySelector('[data-testid="room-title"]')?.textContent === t, title, { timeout: TIMEOUT_MS },
  ).catch(async () => {
    const shown = await page.textContent(tid('room-title')).catch(() => '(no room-title)');
    const status = await page.textContent(tid('chat-status')).catch(() => '');
    throw new Error(`${who}: the room title should be "${title}", it is "${shown}"${status ? ` (${status})` : ''}`);
  });
}

/** What a page shows for the chat line whose original text is `text` (null when absent). */
async function lineState(page, text) {
  return page.evaluate((t) => {
    const li = [...document.querySelectorAll('[data-testid="chat-list"] [data-testid="chat-line"]')]
      .find((el) => el.querySelector('[data-testid="chat-text"]')?.textContent === t);
    if (!li) return null;
    const original = li.querySelector('[data-testid="chat-text"]');
    const translation = li.querySelector('[data-testid="translation"]');
    const translationText = translation?.querySelector('[data-testid="translation-text"]');
    const visible = (el) => !!el && !el.hidden && el.getClientRects().length > 0;
    const o = original.getBoundingClientRect();
    const tr = translationText?.getBoundingClientRect();
    return {
      seq: li.dataset.seq,
      originalVisible: visible(original),
      translation: translation ? {
        language: translation.dataset.language,
        collapsed: translation.dataset.collapsed === 'true',
        text: translationText?.textContent ?? '',
        visible: visible(translationText),
        below: !!tr && visible(translationText) && tr.top >= o.bottom - 1,
        after: !!(original.compareDocumentPosition(translation) & Node.DOCUMENT_POSITION_FOLLOWING),
        explanations: [...translation.querySelectorAll('[data-testid="explanation"]')].map((e) => ({ text: e.textContent, term: e.dataset.term, note: e.dataset.note })),
      } : null,
      sourceTag: li.querySelector('[data-testid="source-language"]')?.textContent ?? null,
    };
  }, text);
}

/** Waits until `predicate(lineState)` holds for the line `text`; returns that state. */
async function waitForLine(page, text, predicate, what, timeout = TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let state = null;
  for (;;) {
    state = await lineState(page, text);
    if (state && predicate(state)) return state;
    if (Date.now() > deadline) {
      const lines = await page.$$eval('[data-testid="chat-line"]', (els) => els.map((e) => e.textContent.trim()).slice(-4)).catch(() => []);
      throw new Error(`${what} within ${timeout} ms (line "${text}": ${JSON.stringify(state)}; last lines: ${JSON.stringify(lines)})`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function getJson(path) {
  const res = await fetch(`${BASE}${path}`);
  check(res.ok, `GET ${path} answered ${res.status}`);
  return res.json();
}

async function main() {
  const host = { userId: `ann_${run}`, name: 'Ann', language: 'en' };
  const reader = { userId: `bea_${run}`, name: 'Bea', language: 'es' };
  const roomId = `tr-${run}`;
  const title = `Translation check ${run}`;
  const cat = 'The black cat sleeps in the house.';
  const slang = 'This singer is yyds, truly the best.';
  const chinese = '我们都不想内卷，只想躺平';
  let pageA; let pageB;

  const glossary = await getJson('/api/glossary');
  const yyds = glossary.keep?.find((k) => k.term === 'yyds');
  check(yyds, `the glossary does not keep "yyds" (keep: ${JSON.stringify(glossary.keep)})`);

  await step('host (English) signs in and goes live', async () => {
    pageA = await openViewer('host');
    await waitConnected(pageA);
    await signIn(pageA, host.userId, host.name, host.language);
    await createRoom(pageA, roomId, title);
    await waitForRoomTitle(pageA, title, 'host');
  });

  await step('a reader signs in with Spanish and opens the room', async () => {
    pageB = await openViewer('reader');
    await signIn(pageB, reader.userId, reader.name, reader.language);
    await pageB.evaluate((id) => { location.hash = `#/room/${encodeURIComponent(id)}`; }, roomId);
    await waitForRoomTitle(pageB, title, 'reader');
    const picked = await pageB.inputValue(tid('room-language'));
    check(picked === 'es', `the reader's "Read in" picker should say es, it says ${picked}`);
  });

  await step('the host\'s line shows to the reader as sent, then with a Spanish translation under it', async () => {
    await sendChat(pageA, cat);
    const first = await waitForLine(pageB, cat, (s) => s.originalVisible, 'the reader does not see the original line');
    check(first.sourceTag === 'EN', `the reader's line should carry the source-language tag EN, it has ${JSON.stringify(first.sourceTag)}`);
    const s = await waitForLine(pageB, cat, (x) => x.translation?.visible && /gato/i.test(x.translation.text),
      'no Spanish translation containing "gato" under the line', TRANSLATION_TIMEOUT_MS);
    check(s.originalVisible, 'the original should stay visible above its translation');
    check(s.translation.language === 'es', `the translation should be in es, it is in ${s.translation.language}`);
    check(s.translation.after && s.translation.below, `the translation should sit under the original (${JSON.stringify(s.translation)})`);
    check(s.translation.explanations.length === 0, `a line without kept terms should have no hints, has ${JSON.stringify(s.translation.explanations)}`);
    console.log(`   reader sees: "${cat}" / "${s.translation.text}"`);
  });

  await step('the host (reading English) gets no translation and no language tag on that line', async () => {
    const s = await waitForLine(pageA, cat, () => true, 'the host does not see the line');
    check(!s.translation, `the host should see no translation of an English line, sees ${JSON.stringify(s.translation)}`);
    check(s.sourceTag === null, `the host should see no language tag on an English line, sees ${s.sourceTag}`);
  });

  await step('"show original" folds the translation away and brings it back', async () => {
    const line = pageB.locator(`${tid('chat-line')}:has(${tid('chat-text')}:text-is("${cat}"))`);
    await line.locator(tid('toggle-original')).click();
    const folded = await waitForLine(pageB, cat, (x) => x.translation?.collapsed, 'the translation did not fold after "show original"');
    check(!folded.translation.visible && folded.originalVisible, `after "show original" only the original should show (${JSON.stringify(folded)})`);
    await line.locator(tid('toggle-original')).click();
    await waitForLine(pageB, cat, (x) => x.translation && !x.translation.collapsed && x.translation.visible, 'the translation did not come back');
  });

  await step('a kept term ("yyds") comes with a dotted hint whose note shows on hover and on tap', async () => {
    await sendChat(pageA, slang);
    const s = await waitForLine(pageB, slang, (x) => x.translation?.visible && x.translation.explanations.length > 0,
      'no translation with an explanation hint under the "yyds" line', TRANSLATION_TIMEOUT_MS);
    const hint = s.translation.explanations.find((e) => e.term === 'yyds');
    check(hint, `the hint should be for "yyds", hints: ${JSON.stringify(s.translation.explanations)}`);
    check(/yyds/i.test(hint.text), `the hint should mark "yyds" in the translated text, it marks "${hint.text}"`);
    check(hint.note === yyds.note, `the hint's note should be the glossary's ("${yyds.note}"), it is "${hint.note}"`);
    check(/yyds/.test(s.translation.text), `the kept term should pass through untranslated: "${s.translation.text}"`);
    const term = pageB.locator(`${tid('chat-line')}:has(${tid('chat-text')}:text-is("${slang}")) ${tid('explanation')}`).first();
    const popover = pageB.locator(tid('explanation-popover'));
    await term.hover();
    await popover.waitFor({ state: 'visible', timeout: TIMEOUT_MS })
      .catch(() => { throw new Error('hovering the dotted term shows no popover'); });
    const shown = await popover.textContent();
    check(shown.includes(yyds.note), `the popover should show the note "${yyds.note}", shows "${shown}"`);
    await pageB.mouse.move(5, 5);
    await popover.waitFor({ state: 'hidden', timeout: TIMEOUT_MS })
      .catch(() => { throw new Error('the popover stays open after the pointer leaves the term'); });
    // A tap (click) pins it open; Escape closes it.
    await term.click();
    await pageB.mouse.move(5, 5);
    await pageB.waitForTimeout(200);
    check(await popover.isVisible(), 'a tap on the term should keep its note open');
    await pageB.keyboard.press('Escape');
    await popover.waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
  });

  await step('after a reload the translations come with the join snapshot', async () => {
    await pageB.reload({ waitUntil: 'domcontentloaded' });
    await waitConnected(pageB);
    await waitForRoomTitle(pageB, title, 'reader (reloaded)');
    const s = await waitForLine(pageB, cat, (x) => x.translation?.visible && /gato/i.test(x.translation.text),
      'the snapshot did not bring the Spanish translation of the first line');
    check(s.originalVisible && s.translation.below, `snapshot line: the translation should sit under the original (${JSON.stringify(s)})`);
    await waitForLine(pageB, slang, (x) => x.translation?.explanations.some((e) => e.term === 'yyds'),
      'the snapshot did not bring the "yyds" hint');
  });

  await step('switching the reading language to Traditional Chinese translates the next lines into it', async () => {
    await pageB.selectOption(tid('room-language'), 'zh-Hant');
    // SetLanguage has completed (the server counts this reader as a zh-Hant reader) before the host sends.
    await pageB.waitForSelector(`${tid('room-language')}[data-applied="zh-Hant"]`, { timeout: TIMEOUT_MS })
      .catch(() => { throw new Error('SetLanguage("zh-Hant") did not complete after picking 繁體中文'); });
    // Lines already shown keep their text; the Spanish translation is not the reader's language any more.
    await waitForLine(pageB, cat, (x) => !x.translation, 'the Spanish translation should not show to a zh-Hant reader');
    await sendChat(pageA, chinese);
    const s = await waitForLine(pageB, chinese, (x) => x.translation?.visible && x.translation.language === 'zh-Hant',
      'no Traditional Chinese translation of the Chinese line', TRANSLATION_TIMEOUT_MS);
    check(s.translation.text.includes('們'), `the zh-Hant translation should use traditional characters: "${s.translation.text}"`);
    check(s.sourceTag === '简体', `the line should be tagged as Simplified Chinese (简体), it is tagged ${JSON.stringify(s.sourceTag)}`);
    const terms = s.translation.explanations.map((e) => e.term).sort();
    check(terms.includes('内卷') && terms.includes('躺平'), `内卷 and 躺平 should be explained, hints: ${JSON.stringify(terms)}`);
    await pageB.selectOption(tid('room-language'), 'es');
    await waitForLine(pageB, cat, (x) => x.translation?.visible && /gato/i.test(x.translation.text),
      'back in Spanish, the first line should show its Spanish translation again');
  });

  const keptTerm = `kt${run}`;
  const entryTerm = `term${run}`;
  await step('the glossary page lists the kept terms and entries with the version', async () => {
    await pageB.click(tid('glossary-link'));
    await pageB.waitForSelector(tid('glossary-page'), { timeout: TIMEOUT_MS });
    await pageB.waitForSelector(`${tid('glossary-keep')}[data-term="yyds"]`, { timeout: TIMEOUT_MS })
      .catch(() => { throw new Error('the glossary page does not list the kept term "yyds"'); });
    const now = await getJson('/api/glossary');
    await pageB.waitForFunction((v) => document.querySelector('[data-testid="glossary-version"]')?.dataset.version === String(v), now.version, { timeout: TIMEOUT_MS })
      .catch(async () => { throw new Error(`the page should show version ${now.version}, shows ${await pageB.textContent(tid('glossary-version'))}`); });
    const entries = await pageB.locator(tid('glossary-entry')).count();
    check(entries === now.entries.length, `the page lists ${entries} entries, the server has ${now.entries.length}`);
  });

  await step('a kept term without a note is refused with the server\'s problem shown inline', async () => {
    await pageB.fill(tid('glossary-term-input'), keptTerm);
    await pageB.fill(tid('glossary-note-input'), '');
    await pageB.click(tid('glossary-keep-submit'));
    await pageB.waitForSelector(`${tid('glossary-keep-error')}:not([hidden])`, { timeout: TIMEOUT_MS })
      .catch(() => { throw new Error('no inline error for a kept term without a note'); });
    const text = await pageB.textContent(tid('glossary-keep-error'));
    check(/note/i.test(text), `the inline error should carry the server's detail, it says "${text}"`);
  });

  await step('adding and deleting a kept term and an entry', async () => {
    const before = Number(await pageB.getAttribute(tid('glossary-version'), 'data-version'));
    await pageB.fill(tid('glossary-note-input'), 'a word from the browser test');
    await pageB.click(tid('glossary-keep-submit'));
    await pageB.waitForSelector(`${tid('glossary-keep')}[data-term="${keptTerm}"]`, { timeout: TIMEOUT_MS });
    const after = Number(await pageB.getAttribute(tid('glossary-version'), 'data-version'));
    check(after > before, `the version should rise after a change (${before} -> ${after})`);
    check(await pageB.locator(`${tid('glossary-keep-error')}[hidden]`).count() === 1, 'the inline error should clear after a success');
    const served = await getJson('/api/glossary');
    check(served.keep.some((k) => k.term === keptTerm && k.note === 'a word from the browser test'), 'the server does not keep the new term');

    const del = pageB.locator(`${tid('glossary-keep')}[data-term="${keptTerm}"] ${tid('glossary-keep-delete')}`);
    await del.click();
    await del.click(); // the second click confirms
    await pageB.waitForSelector(`${tid('glossary-keep')}[data-term="${keptTerm}"]`, { state: 'detached', timeout: TIMEOUT_MS });

    await pageB.fill(tid('glossary-entry-source'), 'en');
    await pageB.fill(tid('glossary-entry-term'), entryTerm);
    const rowTexts = pageB.locator(tid('glossary-entry-text'));
    await rowTexts.nth(1).fill(`directo ${run}`); // the form starts with rows for en and es
    await pageB.click(tid('glossary-entry-submit'));
    const entry = `${tid('glossary-entry')}[data-source-language="en"][data-term="${entryTerm}"]`;
    await pageB.waitForSelector(entry, { timeout: TIMEOUT_MS }).catch(async () => {
      throw new Error(`the new entry is not listed (${await pageB.textContent(tid('glossary-entry-error')).catch(() => '')})`);
    });
    const es = await pageB.textContent(`${entry} [data-testid="glossary-entry-translation"][data-language="es"]`);
    check(es === `directo ${run}`, `the entry should translate into es as "directo ${run}", shows "${es}"`);
    const delEntry = pageB.locator(`${entry} ${tid('glossary-entry-delete')}`);
    await delEntry.click();
    await delEntry.click();
    await pageB.waitForSelector(entry, { state: 'detached', timeout: TIMEOUT_MS });
    const finalGlossary = await getJson('/api/glossary');
    check(!finalGlossary.entries.some((e) => e.term === entryTerm) && !finalGlossary.keep.some((k) => k.term === keptTerm),
      'the test\'s term and entry should be gone from the server');
  });

  await step('an entry the server rejects shows its 400 problem inline', async () => {
    await pageB.fill(tid('glossary-entry-source'), 'not a language tag');
    await pageB.fill(tid('glossary-entry-term'), entryTerm);
    await pageB.locator(tid('glossary-entry-text')).nth(0).fill('x');
    await pageB.click(tid('glossary-entry-submit'));
    await pageB.waitForSelector(`${tid('glossary-entry-error')}:not([hidden])`, { timeout: TIMEOUT_MS })
      .catch(() => { throw new Error('no inline error for a bad source language'); });
    const code = await pageB.getAttribute(tid('glossary-entry-error'), 'data-code');
    check(code === 'invalid', `the inline error should carry the problem's code "invalid", it carries ${code}`);
  });

  await step('no uncaught errors in the pages', async () => {
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  });
}

runBrowserTest('browser-translation', 'translation', main, { totalTimeoutMs: envNumber('REALTIME_TEST_TIMEOUT_MS', 150000) });
