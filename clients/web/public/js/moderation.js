// The moderation page (#/moderation, admins only): the review queue (held lines and reported
// content, with the original and its translation side by side, Approve and Reject), the
// decided items (who decided and when), and the editor of the term lists (block, mask or send
// to review, per language). Plus the header check that shows the "Moderation" link.
import { getReviewQueue, decideReviewItem, getModerationTerms, putModerationTerms } from './api.js';
import { getSession, onSessionChange, getReadLanguage } from './session.js';
import { LANGUAGES, languageName, languageSelect } from './languages.js';
import { icon } from './icons.js';
import { h, clear, avatar, describeError, formatAgo, formatFull, toast } from './ui.js';
import { translationView } from './translation.js';

const POLL_MS = 4000;
const ACTIONS = [
  ['block', 'Block', 'refused with blocked_term'],
  ['mask', 'Mask', 'replaced by ***'],
  ['review', 'Review', 'held until a moderator approves it'],
];
const KIND_LABELS = { chat: 'Chat line', comment: 'Comment', note: 'Note', directMessage: 'Private message', user: 'User' };

// ---- who may moderate (checked once per sign-in) ----
const access = new Map(); // userId -> Promise<boolean>

/** Whether the signed-in user gets 200 from the review queue (asked once per user). */
export function canModerate() {
  const uid = getSession()?.userId;
  if (!uid) return Promise.resolve(false);
  if (!access.has(uid)) {
    access.set(uid, getReviewQueue('pending').then(() => true, (err) => {
      if (err.status !== 401 && err.status !== 403) access.delete(uid); // ask again next time
      return false;
    }));
  }
  return access.get(uid);
}

/** The header's "Moderation" link: hidden until the queue answers 200 for this user. */
export function createModerationLink() {
  const link = h('a', { class: 'header-link', href: '#/moderation', testid: 'moderation-link', title: 'Review queue', hidden: true },
    icon('shield', { size: 18 }), h('span', { class: 'header-link-text' }, 'Moderation'));
  const check = () => {
    link.hidden = true;
    access.clear(); // a new sign-in asks again (a token may carry other rights)
    const uid = getSession()?.userId;
    if (!uid) return;
    canModerate().then((ok) => { if (getSession()?.userId === uid) link.hidden = !ok; });
  };
  onSessionChange(check);
  check();
  return link;
}

function accessText(err) {
  if (err?.status === 401) return 'Sign in as a moderator to open the review queue.';
  if (err?.status === 403) return 'Only moderators can open the review queue.';
  return describeError(err);
}

/** The #/moderation page; returns a dispose function. */
export function mountModeration(root) {
  let disposed = false;
  let tab = 'pending';
  let items = [];
  let pollTimer = null;
  let loadSeq = 0;
  let cards = new Map(); // item id -> { key, el }
  let terms = []; // [{language, term, action}] as edited
  let termsVersion = null;
  document.title = 'Moderation · Realtime';

  // ---- queue ----
  const tabs = h('div', { class: 'mod-tabs', role: 'tablist' },
    h('button', { class: 'mod-tab', type: 'button', role: 'tab', testid: 'mod-tab-pending', dataset: { tab: 'pending' } }, 'Pending'),
    h('button', { class: 'mod-tab', type: 'button', role: 'tab', testid: 'mod-tab-decided', dataset: { tab: 'decided' } }, 'Decided'));
  const langPicker = languageSelect(getReadLanguage(), { testid: 'mod-language', class: 'select-sm', 'aria-label': 'Translate into', title: 'Show translations in' });
  const refresh = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', testid: 'mod-refresh' }, icon('refresh', { size: 15 }), 'Refresh');
  const status = h('p', { class: 'muted small', testid: 'mod-status', role: 'status' });
  const list = h('ul', { class: 'review-list', testid: 'review-list' });
  const empty = h('p', { class: 'muted review-empty', testid: 'review-empty', hidden: true });

  // ---- terms ----
  const termRows = h('tbody', { testid: 'terms-rows' });
  const termsVersionEl = h('span', { class: 'badge badge-version', testid: 'terms-version' }, '…');
  const addTerm = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', testid: 'terms-add' }, icon('plus', { size: 15 }), 'Add term');
  const saveTerms = h('button', { class: 'btn btn-primary btn-sm', type: 'submit', testid: 'terms-save' }, 'Save lists');
  const termsError = h('p', { class: 'form-error small', testid: 'terms-error', role: 'alert', hidden: true });
  const termsStatus = h('span', { class: 'muted small', testid: 'terms-status' });
  const languageList = h('datalist', { id: 'mod-languages' }, LANGUAGES.map(([tag, name]) => h('option', { value: tag }, name)));
  const termsForm = h('form', { class: 'terms-form card', testid: 'terms-form', novalidate: true },
    h('div', { class: 'glossary-head' }, h('h2', {}, 'Term lists'), termsVersionEl),
    h('p', { class: 'muted small' }, 'Block refuses a message, mask hides the term behind ***, review holds the message until a moderator approves it. Saving replaces every list.'),
    languageList,
    h('table', { class: 'terms-table', testid: 'terms-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Language'), h('th', {}, 'Term'), h('th', {}, 'Action'), h('th', {}, ''))),
      termRows),
    h('div', { class: 'glossary-form-foot' }, addTerm, h('span', { class: 'spacer' }), termsStatus, saveTerms),
    termsError);

  const view = h('section', { class: 'moderation', testid: 'moderation-page' },
    h('div', { class: 'glossary-head' }, h('h1', {}, 'Moderation'), h('span', { class: 'spacer' }),
      h('label', { class: 'inline-field' }, icon('globe', { size: 15 }), langPicker), refresh),
    h('div', { class: 'moderation-grid' },
      h('div', { class: 'review-section card' }, tabs, status, empty, list),
      termsForm));
  clear(root).append(view);

  // ---- queue rendering ----
  function reportsOf(item) { return Array.isArray(item.reports) ? item.reports : []; }

  /** The translation beside the original, with its own "show original" fold. */
  function translatedBlock(t, sourceLanguage) {
    const box = h('div', { class: 'review-translated', testid: 'review-translation' });
    let collapsed = false;
    const draw = () => box.replaceChildren(
      h('div', { class: 'review-label muted small' }, `Translation · ${languageName(t.language)}`),
      translationView({ language: t.language, text: t.text, explanations: t.explanations ?? [] },
        { sourceLanguage, collapsed, onToggle: () => { collapsed = !collapsed; draw(); } }));
    draw();
    return box;
  }

  function card(item) {
    const reports = reportsOf(item);
    const pending = item.status === 'pending' || (!item.decidedAt && !item.decidedBy);
    const approve = h('button', { class: 'btn btn-sm btn-approve', type: 'button', testid: 'review-approve' }, item.held ? 'Approve (release)' : 'Approve (dismiss)');
    const reject = h('button', { class: 'btn btn-sm btn-danger', type: 'button', testid: 'review-reject' }, item.held ? 'Reject (drop)' : 'Reject (remove)');
    const itemError = h('p', { class: 'form-error small', testid: 'review-error', role: 'alert', hidden: true });
    const decide = async (decision) => {
      approve.disabled = true; reject.disabled = true; itemError.hidden = true;
      try {
        const decided = await decideReviewItem(item.id, decision);
        toast(decision === 'approve' ? 'Approved' : 'Rejected', 'ok', 1500);
        items = items.filter((x) => x.id !== item.id);
        if (tab === 'decided' && decided) items.unshift(decided);
        render();
      } catch (err) {
        if (err.status === 409) {
          itemError.textContent = 'Someone else has already decided this one.';
          load();
        } else {
          itemError.textContent = describeError(err);
        }
        itemError.hidden = false;
        approve.disabled = false; reject.disabled = false;
      }
    };
    approve.addEventListener('click', () => decide('approve'));
    reject.addEventListener('click', () => decide('reject'));
    const t = item.translation?.text ? item.translation : null;
    return h('li', {
      class: `review-item card${item.held ? ' is-held' : ' is-reported'}`, testid: 'review-item',
      dataset: { id: item.id, kind: item.kind, targetId: item.targetId ?? '', status: item.status ?? '', held: String(!!item.held), authorId: item.authorId ?? '' },
    },
    h('div', { class: 'review-head' },
      h('span', { class: 'badge badge-kind', testid: 'review-kind' }, KIND_LABELS[item.kind] ?? item.kind),
      item.held
        ? h('span', { class: 'badge badge-warn', testid: 'review-held', title: 'Held by a review term: approve releases it, reject drops it' }, 'held')
        : h('span', { class: 'badge badge-danger', testid: 'review-reported', title: 'Reported: approve dismisses the reports, reject removes it' }, `reported ×${reports.length}`),
      avatar(item.authorId ?? '?', item.authorId),
      h('strong', { testid: 'review-author' }, `@${item.authorId ?? '?'}`),
      h('span', { class: 'muted small review-target' }, item.targetId),
      h('span', { class: 'spacer' }),
      h('time', { class: 'muted small', datetime: item.createdAt ?? '', title: formatFull(item.createdAt) }, formatAgo(item.createdAt))),
    h('div', { class: `review-texts${t ? ' with-translation' : ''}` },
      h('div', { class: 'review-original' },
        h('div', { class: 'review-label muted small' }, `Original${item.language ? ` · ${languageName(item.language)}` : ''}`),
        h('div', { class: 'review-text', testid: 'review-text', lang: item.language || undefined }, item.text ?? '')),
      t && translatedBlock(t, item.language)),
    (item.reasons?.length > 0) && h('div', { class: 'review-reasons', testid: 'review-reasons' },
      h('span', { class: 'muted small' }, 'Why: '), item.reasons.map((r) => h('span', { class: 'chip' }, r))),
    reports.length > 0 && h('details', { class: 'review-reports', testid: 'review-reports', open: reports.length <= 3 },
      h('summary', { class: 'small' }, reports.length === 1 ? '1 report' : `${reports.length} reports`),
      h('ul', { class: 'small' }, reports.map((r) => h('li', {},
        h('strong', {}, `@${r.reporterId}`), ': ', r.reason || '(no reason)', ' ',
        h('time', { class: 'muted', datetime: r.at ?? '', title: formatFull(r.at) }, formatAgo(r.at)))))),
    pending
      ? h('div', { class: 'review-actions' }, approve, reject)
      : h('p', { class: 'review-decided small', testid: 'review-decided', dataset: { status: item.status ?? '' } },
        h('span', { class: `badge ${item.status === 'approved' ? 'badge-ok' : 'badge-danger'}` }, item.status ?? 'decided'),
        ' by ', h('strong', { testid: 'review-decided-by' }, `@${item.decidedBy ?? '?'}`), ' ',
        h('time', { datetime: item.decidedAt ?? '', title: formatFull(item.decidedAt) }, formatFull(item.decidedAt))),
    itemError);
  }

  function render() {
    for (const b of tabs.children) {
      const on = b.dataset.tab === tab;
      b.classList.toggle('on', on);
      b.setAttribute('aria-selected', String(on));
    }
    // Keyed: a card whose item did not change stays the same element, so a poll never moves a
    // button from under the pointer of someone deciding.
    const next = new Map();
    const els = items.map((item) => {
      const key = JSON.stringify(item);
      const known = cards.get(item.id);
      const el = known && known.key === key ? known.el : card(item);
      next.set(item.id, { key, el });
      return el;
    });
    cards = next;
    list.replaceChildren(...els);
    empty.hidden = items.length > 0 || !!status.dataset.failed;
    empty.textContent = tab === 'pending' ? 'Nothing waits for review.' : 'Nothing has been decided yet.';
  }

  async function load() {
    if (disposed) return;
    const seq = ++loadSeq;
    const which = tab;
    try {
      const page = await getReviewQueue(which, langPicker.value);
      if (disposed || seq !== loadSeq) return;
      items = Array.isArray(page) ? page : [];
      if (which === 'decided') items.sort((a, b) => String(b.decidedAt).localeCompare(String(a.decidedAt)));
      else items.sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
      status.textContent = '';
      delete status.dataset.failed;
    } catch (err) {
      if (disposed || seq !== loadSeq) return;
      status.textContent = accessText(err);
      status.dataset.failed = String(err.status ?? 'error');
      items = [];
    }
    render();
  }

  function schedulePoll() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(async () => {
      await load();
      if (!disposed) schedulePoll();
    }, POLL_MS);
  }

  tabs.addEventListener('click', (ev) => {
    const b = ev.target.closest('[data-tab]');
    if (!b || b.dataset.tab === tab) return;
    tab = b.dataset.tab;
    items = [];
    render();
    load();
  });
  refresh.addEventListener('click', () => { load(); loadTerms(); });
  langPicker.addEventListener('change', () => load());

  // ---- terms ----
  function termRow(t, i) {
    const lang = h('input', { class: 'lang-input', testid: 'term-language', list: 'mod-languages', value: t.language ?? '', placeholder: 'zh-Hans', maxlength: '35', spellcheck: 'false', 'aria-label': 'Language' });
    const term = h('input', { testid: 'term-term', value: t.term ?? '', placeholder: 'term', maxlength: '100', spellcheck: 'false', 'aria-label': 'Term' });
    const action = h('select', { testid: 'term-action', 'aria-label': 'Action' },
      ACTIONS.map(([value, label, hint]) => h('option', { value, title: hint, selected: value === t.action }, label)));
    lang.addEventListener('input', () => { terms[i].language = lang.value.trim(); });
    term.addEventListener('input', () => { terms[i].term = term.value; });
    action.addEventListener('change', () => { terms[i].action = action.value; });
    const remove = h('button', { class: 'icon-btn', type: 'button', testid: 'term-remove', title: 'Remove this term', onclick: () => { terms.splice(i, 1); renderTerms(); } }, icon('trash', { size: 15 }));
    return h('tr', { testid: 'term-row', dataset: { language: t.language ?? '', term: t.term ?? '', action: t.action ?? '' } },
      h('td', {}, lang), h('td', {}, term), h('td', {}, action), h('td', {}, remove));
  }

  function renderTerms() {
    clear(termRows).append(...terms.map(termRow));
    if (!terms.length) termRows.append(h('tr', {}, h('td', { colspan: '4', class: 'muted small' }, 'No terms. Add one below.')));
    termsVersionEl.textContent = termsVersion === null ? '…' : `v${termsVersion}`;
    termsVersionEl.dataset.value = String(termsVersion ?? '');
  }

  async function loadTerms() {
    try {
      const data = await getModerationTerms();
      if (disposed) return;
      terms = (data?.terms ?? []).map((t) => ({ ...t }));
      termsVersion = data?.version ?? null;
      termsError.hidden = true;
      renderTerms();
    } catch (err) {
      if (disposed) return;
      termsError.textContent = accessText(err);
      termsError.hidden = false;
    }
  }

  addTerm.addEventListener('click', () => {
    terms.push({ language: getReadLanguage(), term: '', action: 'review' });
    renderTerms();
    termRows.querySelectorAll('[data-testid="term-term"]')[terms.length - 1]?.focus();
  });

  termsForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    termsError.hidden = true;
    const clean = terms.map((t) => ({ language: (t.language ?? '').trim(), term: (t.term ?? '').trim(), action: t.action }));
    const blank = clean.findIndex((t) => !t.term || !t.language);
    if (blank >= 0) {
      termsError.textContent = `Row ${blank + 1}: a term needs a language and some text.`;
      termsError.hidden = false;
      return;
    }
    saveTerms.disabled = true;
    termsStatus.textContent = 'saving…';
    try {
      const data = await putModerationTerms(clean);
      if (disposed) return;
      terms = (data?.terms ?? clean).map((t) => ({ ...t }));
      termsVersion = data?.version ?? termsVersion;
      renderTerms();
      termsStatus.textContent = 'saved';
      termsStatus.dataset.version = String(termsVersion ?? '');
      toast('Term lists saved', 'ok', 1500);
    } catch (err) {
      if (disposed) return;
      termsStatus.textContent = '';
      termsError.textContent = err.status === 400 ? `Not accepted: ${err.detail || err.code}` : accessText(err);
      termsError.dataset.code = err.code ?? '';
      termsError.hidden = false;
    } finally {
      saveTerms.disabled = false;
    }
  });

  const offSession = onSessionChange(() => { load(); loadTerms(); });
  render();
  renderTerms();
  load().then(() => { if (!disposed) schedulePoll(); });
  loadTerms();

  return () => {
    disposed = true;
    clearTimeout(pollTimer);
    offSession();
    document.title = 'Realtime · Live';
  };
}
