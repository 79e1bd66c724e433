// "Report": asks the reader why, then sends `Report(kind, targetId, reason)` to the hub. Shared by
// chat lines, comments, direct messages and user names. Target formats: chat `roomId:seq`,
// comment `noteId:commentId`, note `noteId`, directMessage `conversationId:seq`, user `userId`.
import { hub } from './hub.js';
import { getSession } from './session.js';
import { icon } from './icons.js';
import { h, clear, describeError, toast } from './ui.js';

const REASONS = [
  ['spam', 'Spam or advertising'],
  ['harassment', 'Harassment or hate'],
  ['scam', 'Scam or fraud'],
  ['sexual', 'Sexual content'],
  ['other', 'Something else'],
];

const KIND_WORDS = { chat: 'chat line', comment: 'comment', note: 'note', directMessage: 'message', user: 'user' };

let dialog = null;

/** Opens the report dialog for one target; resolves with the report's id, or null if cancelled. */
export function askReport(kind, targetId, label) {
  if (!getSession()) { toast('Sign in to report', 'info'); return Promise.resolve(null); }
  if (!dialog) {
    dialog = h('dialog', { class: 'dialog', testid: 'report-dialog' });
    document.body.append(dialog);
  }
  if (dialog.open) dialog.close();
  const choice = h('select', { testid: 'report-choice', 'aria-label': 'Reason' },
    REASONS.map(([value, text]) => h('option', { value }, text)));
  const reason = h('textarea', { testid: 'report-reason', rows: '3', maxlength: '500', placeholder: 'What is wrong? (optional)', 'aria-label': 'Details' });
  const error = h('p', { class: 'form-error small', testid: 'report-error', role: 'alert', hidden: true });
  const submit = h('button', { class: 'btn btn-danger', type: 'submit', testid: 'report-submit' }, icon('flag', { size: 15 }), 'Report');
  const cancel = h('button', { class: 'btn btn-ghost', type: 'button', testid: 'report-cancel' }, 'Cancel');
  const form = h('form', { class: 'dialog-form', novalidate: true },
    h('h3', {}, `Report this ${KIND_WORDS[kind] ?? kind}`),
    label && h('p', { class: 'muted small report-target' }, label),
    h('label', { class: 'field' }, h('span', {}, 'Reason'), choice),
    h('label', { class: 'field' }, h('span', {}, 'Details'), reason),
    error,
    h('div', { class: 'dialog-buttons' }, cancel, submit));
  clear(dialog).append(form);
  return new Promise((resolve) => {
    let settled = false;
    const done = (value) => { if (!settled) { settled = true; resolve(value); } };
    cancel.addEventListener('click', () => { dialog.close(); done(null); });
    dialog.onclose = () => done(null);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const words = REASONS.find(([v]) => v === choice.value)?.[0] ?? 'other';
      const detail = reason.value.trim();
      const text = detail ? `${words}: ${detail}` : words;
      submit.disabled = true;
      error.hidden = true;
      try {
        const ack = await hub.invoke('Report', kind, targetId, text);
        toast('Thanks — a moderator will take a look.', 'ok');
        done(ack?.id ?? '');
        dialog.close();
      } catch (err) {
        error.textContent = describeError(err);
        error.hidden = false;
        submit.disabled = false;
      }
    });
    dialog.showModal();
    choice.focus();
  });
}

/** A small flag button that reports one target (null when signed out). */
export function reportButton(kind, targetId, { label, testid = 'report', className = 'icon-btn', text } = {}) {
  if (!getSession()) return null;
  return h('button', {
    type: 'button', class: className, title: `Report this ${KIND_WORDS[kind] ?? kind}`, testid,
    onclick: (ev) => { ev.stopPropagation(); askReport(kind, targetId, label); },
  }, icon('flag', { size: 15 }), text ?? null);
}
