// The Contacts screen's dialogs: confirmations (cancel a request, remove a
// user, reset a password), the customer assignment with "Confirm
// selection", and a user's notification digest.

import { h } from './lib/dom.js';
import { displayName, effectiveContact, setCustomers, setNotifications } from './lib/contacts.js';
import { DIGEST_CATEGORIES, digestSummary, toggleCategory } from './lib/settings-form.js';
import { t } from './lib/i18n.js';

function dialogFrame(id, title, close, ...content) {
  return h('div', {
    className: 'overlay',
    onKeyDown: (event) => { if (event.key === 'Escape') close(); },
  },
  h('div', { className: 'card dialog', id, role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    ...content));
}

/** A yes/no question; `options` = {id, title, text, confirm, keep, danger,
 * close, onConfirm}. */
export function confirmDialog(options) {
  return dialogFrame(options.id, options.title, options.close,
    h('p', { id: `${options.id}-text` }, options.text),
    h('div', { className: 'choices' },
      h('button', {
        type: 'button', className: options.danger ? 'danger' : 'primary', id: `${options.id}-confirm`, 'data-autofocus': true,
        onClick: options.onConfirm,
      }, options.confirm),
      h('button', { type: 'button', className: 'secondary', id: `${options.id}-keep`, onClick: options.close }, options.keep)));
}

/** The assigned customers of a User, chosen from the partnership's
 * customers and confirmed into the edits. */
export function customersDialog({ directory, page, contact, close, rerender }) {
  const dialog = page.dialog;
  dialog.selection ??= [...effectiveContact(directory.roles, contact, page.edits).customers];
  const name = displayName(contact);
  return dialogFrame('customers-dialog', t('contacts-customers-of', { name }), close,
    h('p', { className: 'hint' }, t('contacts-customers-intro', { name })),
    h('div', { className: 'choices-list' }, directory.customers.map((customer) => h('label', { className: 'choice' },
      h('input', {
        type: 'checkbox', id: `customers-dialog-${customer.id}`, checked: dialog.selection.includes(customer.id),
        onChange: (event) => {
          dialog.selection = event.target.checked
            ? [...dialog.selection, customer.id]
            : dialog.selection.filter((id) => id !== customer.id);
          rerender();
        },
      }),
      h('span', {}, customer.name)))),
    h('p', { className: 'hint', id: 'customers-dialog-count' },
      dialog.selection.length === 0 ? t('contacts-all-customers') : t('contacts-customers-selected', { count: dialog.selection.length, total: directory.customers.length })),
    h('div', { className: 'choices' },
      h('button', {
        type: 'button', className: 'primary', id: 'customers-dialog-confirm', 'data-autofocus': true,
        onClick: () => { setCustomers(page.edits, contact, dialog.selection); close(); },
      }, t('contacts-confirm-selection')),
      h('button', { type: 'button', className: 'secondary', id: 'customers-dialog-cancel', onClick: close }, t('cancel'))));
}

/** A user's notification digest: how often, and which categories. */
export function notificationsDialog({ directory, page, contact, close, rerender }) {
  const dialog = page.dialog;
  const current = effectiveContact(directory.roles, contact, page.edits).notifications;
  dialog.digest ??= { frequency: current.frequency, categories: [...current.categories] };
  const digest = dialog.digest;
  const name = displayName(contact);
  return dialogFrame('notifications-dialog', t('contacts-notifications-for', { name }), close,
    h('fieldset', { className: 'section' },
      h('legend', {}, t('contacts-how-often')),
      h('div', { className: 'choices-list inline' }, [['daily', t('digest-daily')], ['weekly', t('contacts-weekly')]].map(([value, label]) => h('label', { className: 'choice' },
        h('input', {
          type: 'radio', name: 'notifications-dialog-frequency', id: `notifications-dialog-${value}`, checked: digest.frequency === value,
          onChange: () => { digest.frequency = value; rerender(); },
        }),
        h('span', {}, label))))),
    h('fieldset', { className: 'section' },
      h('legend', {}, t('contacts-email-includes')),
      h('div', { className: 'choices-list' }, DIGEST_CATEGORIES.map((category) => h('label', { className: 'choice' },
        h('input', {
          type: 'checkbox', id: `notifications-dialog-${category.name}`, checked: digest.categories.includes(category.name),
          onChange: (event) => { digest.categories = toggleCategory(digest.categories, category.name, event.target.checked); rerender(); },
        }),
        h('span', {}, category.label))))),
    h('p', { className: 'hint', id: 'notifications-dialog-summary' }, digestSummary(digest, 'their')),
    h('div', { className: 'choices' },
      h('button', {
        type: 'button', className: 'primary', id: 'notifications-dialog-apply', 'data-autofocus': true,
        onClick: () => { setNotifications(page.edits, contact, digest); close(); },
      }, t('contacts-apply')),
      h('button', { type: 'button', className: 'secondary', id: 'notifications-dialog-cancel', onClick: close }, t('cancel'))));
}
