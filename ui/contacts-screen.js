// The Contacts screen: an organization's contacts and their roles, edited
// as one batch of changes. Under the `review` policy the batch is a change
// request that waits for the support team (shown read-only beside the
// active contacts until applied or cancelled); under `direct` it is saved
// at once. While the portal cannot be reached a batch waits in the outbox,
// listed here with what changed on the list if it was held, to send on
// the list as it is now, edit again or withdraw. The table and dialogs are
// in contacts-table.js and contacts-dialogs.js; the logic in lib/contacts.js.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { ago, dateTime } from './lib/format.js';
import {
  addContact, buildBatch, checkNewContact, customerName, describeChange, displayName, editsFromBatch, emptyEdits,
  errorsByContact, requestedRows,
} from './lib/contacts.js';
import { createContactsTable, newContactForm } from './contacts-table.js';
import { confirmDialog, customersDialog, notificationsDialog } from './contacts-dialogs.js';
import { createVirtualTable } from './virtual-rows.js';
import { t } from './lib/i18n.js';

/** The mark of each kind of row comparing active and requested roles. */
const COMPARE_KINDS = { added: () => t('contacts-added'), removed: () => t('contacts-removed'), changed: () => t('contacts-changed'), same: null };

/** The Contacts controller. `context` = {redraw, fetch, onSessionEnded,
 * onSignedOut(message), openTicket(number), isDemo, isShown,
 * outboxChanged}. */
export function createContacts(context) {
  /** null until the roles are read this session. */
  let organizations = null;
  let selected = null;
  const pages = new Map();

  /** The state of one organization's page. */
  function pageOf(id) {
    if (!pages.has(id)) {
      pages.set(id, {
        view: null, loading: false, banner: null, notice: '', stale: [], errors: { byContact: {}, general: [] },
        edits: emptyEdits(), expanded: new Set(), adding: null, dialog: null, busy: false, confirmation: null,
        table: null, compare: null, // the long tables, kept between draws
      });
    }
    return pages.get(id);
  }

  /** Learns which organizations' contacts the user manages (from the
   * roles; cached ones when offline). */
  async function loadOrganizations() {
    const first = organizations === null;
    try {
      organizations = await call('load_contact_organizations');
    } catch {
      organizations = [];
    }
    if (!organizations.some((organization) => organization.id === selected)) selected = organizations[0]?.id ?? null;
    context.redraw();
    // Opened before the roles were read: its list is read now.
    if (first && context.isShown()) load();
  }

  /** Loads (or reloads) the selected organization's list. */
  async function load() {
    if (selected === null) return;
    const id = selected;
    const page = pageOf(id);
    page.loading = true;
    context.redraw();
    try {
      page.view = await context.fetch('load_contacts', { organization_id: id });
      page.banner = null;
      // Applied or cancelled meanwhile: the confirmation has had its day.
      if (!page.view.directory.pending) page.confirmation = null;
    } catch (error) {
      fail(page, error, load);
    } finally {
      page.loading = false;
      context.redraw();
    }
  }

  function fail(page, error, retry) {
    const placed = placeError(error, []);
    if (placed.dropped) return;
    if (placed.needsSignIn) context.onSessionEnded();
    page.banner = { text: placed.banner ?? t('error-unexpected'), retry: placed.retryable, action: retry };
  }

  /** Sends the edits as one batch. */
  async function send() {
    const id = selected;
    const page = pageOf(id);
    const batch = buildBatch(page.view.directory, page.edits);
    if (batch.length === 0) return;
    page.busy = true;
    page.banner = null;
    page.notice = '';
    page.stale = [];
    page.errors = { byContact: {}, general: [] };
    context.redraw();
    try {
      const sent = await call('send_contact_changes', { organization_id: id, changes: batch, etag: page.view.etag });
      if (sent.outcome === 'signed_out') {
        context.onSignedOut(sent.message);
        return;
      }
      page.view = sent.view;
      if (sent.outcome === 'stale') {
        page.stale = sent.what_changed;
      } else {
        page.edits = emptyEdits();
        page.expanded.clear();
        if (sent.outcome === 'queued') {
          page.notice = sent.notice;
          context.outboxChanged();
        } else if (sent.outcome === 'requested') {
          page.confirmation = { ticket: sent.request.ticket_id };
        } else {
          page.notice = t('contacts-saved-in-effect', { count: sent.applied });
        }
      }
    } catch (error) {
      const placed = placeError(error, []);
      if (placed.needsSignIn) {
        context.onSessionEnded();
      } else if (placed.code === 'validation_failed') {
        page.errors = errorsByContact(error.fields, batch);
        for (const key of Object.keys(page.errors.byContact)) page.expanded.add(key);
        page.banner = { text: t('contacts-refused'), retry: false };
      } else if (placed.code === 'change_pending') {
        page.banner = { text: placed.banner, retry: false };
        load();
      } else {
        page.banner = { text: t('contacts-kept-here', { problem: placed.banner }), retry: placed.retryable, action: send };
      }
    } finally {
      page.busy = false;
      context.redraw();
    }
  }

  /** Runs a call that answers the list now (cancel, demo apply). */
  async function replaceView(page, command, args, notice) {
    page.busy = true;
    page.dialog = null;
    page.banner = null;
    context.redraw();
    try {
      page.view = await call(command, args);
      page.notice = notice;
      page.confirmation = null;
    } catch (error) {
      fail(page, error, null);
      load();
    } finally {
      page.busy = false;
      context.redraw();
    }
  }

  async function resetPassword(page, contact) {
    page.busy = true;
    page.dialog = null;
    context.redraw();
    try {
      const done = await call('reset_contact_password', { organization_id: selected, email: contact.email });
      if (done.signed_out) {
        context.onSignedOut(done.message);
        return;
      }
      page.notice = done.message;
    } catch (error) {
      fail(page, error, null);
    } finally {
      page.busy = false;
      context.redraw();
    }
  }

  /** Sends the removal of one user at once (direct policy, after the
   * confirmation dialog); other edits stay. */
  async function removeNow(page, contact) {
    page.busy = true;
    page.dialog = null;
    page.banner = null;
    context.redraw();
    try {
      const sent = await call('send_contact_changes', {
        organization_id: selected, changes: [{ action: 'remove_contact', contact: contact.email }], etag: page.view.etag,
      });
      if (sent.outcome === 'signed_out') {
        context.onSignedOut(sent.message);
        return;
      }
      page.view = sent.view;
      if (sent.outcome === 'stale') page.stale = sent.what_changed;
      else if (sent.outcome === 'queued') {
        page.notice = sent.notice;
        context.outboxChanged();
      } else page.notice = t('contacts-removed-notice', { name: displayName(contact) });
    } catch (error) {
      const placed = placeError(error, []);
      if (placed.needsSignIn) context.onSessionEnded();
      const reasons = Object.values(error?.fields ?? {});
      page.banner = { text: reasons.length > 0 ? reasons.join(' ') : placed.banner, retry: false };
    } finally {
      page.busy = false;
      context.redraw();
    }
  }

  /** Runs `work` on a waiting batch, then shows the list it answers
   * (or reads it again) and tells the Outbox. */
  async function onWaiting(page, work, notice) {
    page.busy = true;
    page.banner = null;
    page.notice = '';
    context.redraw();
    try {
      const view = await work();
      if (view) page.view = view;
      else await load();
      page.notice = notice(page.view);
      context.outboxChanged();
    } catch (error) {
      fail(page, error, () => onWaiting(page, work, notice));
    } finally {
      page.busy = false;
      context.redraw();
    }
  }

  /** Sends a held batch on the list as it is now. */
  function resend(page, batch) {
    onWaiting(page, () => call('resend_contact_batch', { organization_id: selected, id: batch.id }),
      (view) => (view.waiting.some((waiting) => waiting.id === batch.id)
        ? t('contacts-still-held')
        : t('contacts-waiting-sent')));
  }

  /** Takes a waiting batch out of the outbox and back into the editor. */
  function editAgain(page, batch) {
    onWaiting(page, async () => {
      await call('drop_outbox_item', { id: batch.id });
      return null;
    }, (view) => {
      const { edits, lost } = editsFromBatch(view.directory, batch.changes, (id) => customerName(view.directory.customers, id));
      page.edits = edits;
      return lost.length > 0
        ? t('contacts-back-in-editor-lost', { lost: lost.join(t('list-separator')) })
        : t('contacts-back-in-editor');
    });
  }

  function withdraw(page, batch) {
    onWaiting(page, async () => {
      await call('drop_outbox_item', { id: batch.id });
      return null;
    }, () => t('contacts-waiting-withdrawn'));
  }

  // ------------------------------------------------------------ rendering

  function render(bannerView) {
    if (organizations === null) {
      return h('p', { className: 'loading', id: 'contacts-loading' }, t('contacts-loading'));
    }
    if (selected === null) {
      return h('p', { id: 'contacts-none' }, t('contacts-none'));
    }
    const page = pageOf(selected);
    const picker = organizations.length > 1
      ? h('label', { className: 'filter' }, t('roles-organization'),
        h('select', {
          id: 'contacts-organization',
          onChange: (event) => {
            selected = Number(event.target.value);
            load();
          },
        }, organizations.map((organization) => h('option', { value: organization.id, selected: organization.id === selected }, organization.name))))
      : null;
    const parts = [picker];
    if (page.banner) parts.push(bannerView(page.banner, page.banner.action ?? load));
    if (!page.view) {
      parts.push(h('p', { className: 'loading', id: 'contacts-loading' }, page.loading ? t('contacts-loading') : t('contacts-not-loaded')));
      return parts;
    }
    const { directory } = page.view;
    const direct = directory.organization.policy === 'direct';
    parts.push(h('p', { className: 'hint', id: 'contacts-policy' }, direct
      ? t('contacts-policy-direct', { organization: directory.organization.name })
      : t('contacts-policy-review', { organization: directory.organization.name })));
    if (page.view.cached_at !== null) {
      parts.push(h('div', { className: 'banner warning', id: 'contacts-offline', role: 'status' },
        t('contacts-offline', { ago: ago(page.view.cached_at) })));
    }
    if (page.notice) parts.push(h('div', { className: 'banner info', id: 'contacts-notice', role: 'status' }, page.notice));
    if (page.stale.length > 0) parts.push(staleNotice(page));
    if (page.confirmation) parts.push(confirmationNotice(page));
    if (page.view.waiting.length > 0) parts.push(waitingView(page, directory));
    if (directory.pending) {
      parts.push(pendingView(page, directory));
    } else {
      parts.push(...editor(page, directory, direct));
    }
    parts.push(dialogView(page, directory));
    return parts;
  }

  function staleNotice(page) {
    return h('div', { className: 'banner warning stale', id: 'contacts-stale', role: 'alert' },
      h('div', {},
        h('p', {}, t('contacts-stale')),
        h('ul', {}, page.stale.map((line) => h('li', {}, line)))));
  }

  /** The batches waiting in the outbox for this organization. */
  function waitingView(page, directory) {
    const describe = (change) => describeChange(change, (id) => customerName(directory.customers, id));
    return h('section', { className: 'card contacts-waiting', id: 'contacts-waiting', 'aria-labelledby': 'contacts-waiting-title' },
      h('h2', { id: 'contacts-waiting-title' }, t('contacts-waiting-title')),
      page.view.waiting.map((batch) => {
        const [head, ...changed] = (batch.message ?? '').split('\n');
        return h('div', { className: `waiting-batch ${batch.state}`, 'data-outbox': batch.id },
          batch.state === 'waiting'
            ? h('p', { className: 'hint' }, t('contacts-waiting-hint'))
            : h('div', { className: 'field-error', role: 'alert' },
              h('p', {}, batch.state === 'conflict'
                ? t('contacts-waiting-conflict', { problem: head })
                : t('contacts-waiting-refused', { problem: head })),
              changed.length > 0 ? h('ul', { className: 'what-changed' }, changed.map((line) => h('li', {}, line))) : null,
              Object.keys(batch.fields ?? {}).length > 0 ? h('ul', {}, Object.values(batch.fields).map((line) => h('li', {}, line))) : null),
          h('ul', { className: 'change-list' }, batch.changes.map((change) => h('li', {}, describe(change)))),
          h('div', { className: 'choices' },
            batch.state === 'conflict'
              ? h('button', { type: 'button', className: 'primary', id: `contacts-waiting-resend-${batch.id}`, disabled: page.busy, onClick: () => resend(page, batch) }, t('contacts-resend'))
              : null,
            h('button', { type: 'button', className: 'secondary', id: `contacts-waiting-edit-${batch.id}`, disabled: page.busy, onClick: () => editAgain(page, batch) }, t('contacts-edit-again')),
            h('button', { type: 'button', className: 'link', id: `contacts-waiting-withdraw-${batch.id}`, disabled: page.busy, onClick: () => withdraw(page, batch) }, t('withdraw'))));
      }));
  }

  function confirmationNotice(page) {
    const ticket = page.confirmation.ticket;
    return h('div', { className: 'banner info', id: 'contacts-requested', role: 'status' },
      h('span', {}, t('contacts-requested', { ticket: String(ticket) })),
      h('button', { type: 'button', className: 'link', id: 'contacts-open-ticket', onClick: () => context.openTicket(ticket) }, t('open-ticket', { ticket: String(ticket) })));
  }

  function pendingView(page, directory) {
    const pending = directory.pending;
    const rows = requestedRows(directory.contacts, pending.requested);
    const offline = page.view.cached_at !== null;
    return h('section', { className: 'card contacts-pending', id: 'contacts-pending', 'aria-labelledby': 'contacts-pending-title' },
      h('h2', { id: 'contacts-pending-title' }, t('contacts-pending-title')),
      h('p', { className: 'hint' },
        t('contacts-pending-by', { who: pending.requested_by, when: dateTime(new Date(pending.requested_at)), ticket: String(pending.ticket_id) })),
      compareTable(page, rows),
      h('h3', {}, t('contacts-requested-changes')),
      h('ul', { className: 'change-list', id: 'contacts-pending-changes' },
        pending.changes.map((change) => h('li', {}, describeChange(change, (id) => customerName(directory.customers, id))))),
      h('div', { className: 'choices' },
        h('button', { type: 'button', className: 'secondary', id: 'contacts-pending-ticket', onClick: () => context.openTicket(pending.ticket_id) }, t('open-ticket', { ticket: String(pending.ticket_id) })),
        pending.can_cancel
          ? h('button', {
            type: 'button', className: 'secondary', id: 'contacts-cancel-request', disabled: page.busy || offline,
            onClick: () => openDialog(page, { kind: 'cancel-request' }),
          }, t('tickets-cancel-request'))
          : h('p', { className: 'hint' }, t('contacts-only-requester', { who: pending.requested_by })),
        context.isDemo()
          ? h('button', {
            type: 'button', className: 'secondary', id: 'contacts-demo-apply', disabled: page.busy,
            onClick: () => replaceView(page, 'apply_contact_request_in_demo', { organization_id: selected, ticket: pending.ticket_id }, t('contacts-demo-applied')),
          }, t('contacts-demo-apply'))
          : null),
      offline ? h('p', { className: 'hint' }, t('contacts-cancel-needs-portal')) : null);
  }

  /** The active and requested roles side by side, kept between draws and
   * drawn only where in view (thousands of contacts draw as fast as ten). */
  function compareTable(page, rows) {
    page.compare ??= createVirtualTable({
      id: 'contacts-compare',
      className: 'contacts compare',
      measured: true,
      keyOf: (row) => row.email,
      head: () => h('tr', {},
        h('th', { scope: 'col' }, t('contacts-contact')), h('th', { scope: 'col' }, t('contacts-active-roles')),
        h('th', { scope: 'col' }, t('contacts-requested-roles')), h('th', { scope: 'col', className: 'change-column' }, h('span', { className: 'visually-hidden' }, t('contacts-change')))),
      renderRow: (row) => h('tr', { className: `compare-row ${row.kind}`, 'data-email': row.email },
        h('th', { scope: 'row' }, h('span', { className: 'contact-name' }, row.name), h('span', { className: 'muted small-text block' }, row.email)),
        h('td', { className: 'active-roles' }, row.active ? row.active.join(', ') || '—' : '—'),
        h('td', { className: 'requested-roles' }, row.requested ? row.requested.join(', ') || '—' : '—'),
        h('td', {}, COMPARE_KINDS[row.kind] ? h('span', { className: `chip change-${row.kind}` }, COMPARE_KINDS[row.kind]()) : null)),
    });
    page.compare.drawHead();
    page.compare.show(rows, { rebuild: true });
    requestAnimationFrame(() => page.compare.paint());
    return page.compare.element;
  }

  function editor(page, directory, direct) {
    const handlers = {
      rerender: () => { page.notice = ''; context.redraw(); },
      typed: () => document.getElementById('contacts-summary')?.replaceWith(summaryView(page, directory, direct)),
      openDialog: (dialog) => openDialog(page, dialog),
      startAdding: () => { page.adding = { details: {}, roles: [], customers: [], errors: {} }; context.redraw(); document.getElementById('new-contact-first_name')?.focus(); },
    };
    // One table per organization's page, kept between draws so its place
    // in a long list stays where the user scrolled it.
    page.table ??= createContactsTable();
    page.table.show(directory, page, direct, handlers);
    requestAnimationFrame(() => page.table.paint());
    return [
      page.table.element,
      page.adding
        ? newContactForm(directory, page, direct, {
          rerender: context.redraw,
          cancel: () => { page.adding = null; context.redraw(); },
          submit: () => {
            const adding = page.adding;
            adding.errors = checkNewContact(directory, page.edits, adding.details, adding.roles);
            if (Object.keys(adding.errors).length === 0) {
              addContact(page.edits, adding.details, adding.roles, adding.customers);
              page.adding = null;
            }
            context.redraw();
            if (page.adding) document.querySelector('#new-contact [aria-invalid="true"]')?.focus();
          },
        })
        : h('div', { className: 'choices' },
          h('button', { type: 'button', className: 'secondary', id: 'contacts-add', onClick: handlers.startAdding }, direct ? t('contacts-add-user') : t('contacts-add-contact'))),
      summaryView(page, directory, direct),
    ];
  }

  /** The action bar: the batch the edits make, and the send button. */
  function summaryView(page, directory, direct) {
    const batch = buildBatch(directory, page.edits);
    let blocked = '';
    if (page.view.waiting.length > 0) blocked = t('contacts-blocked-waiting');
    else if (page.adding) blocked = direct ? t('contacts-blocked-adding-user') : t('contacts-blocked-adding-contact');
    return h('section', { className: 'action-bar contacts-summary', id: 'contacts-summary', 'aria-label': t('contacts-changes-to-send') },
      h('div', { className: 'summary-text' },
        batch.length === 0
          ? h('p', { className: 'hint', id: 'contacts-no-changes' }, direct
            ? t('contacts-no-changes-direct')
            : t('contacts-no-changes-review'))
          : [h('p', { className: 'summary-title' }, t('contacts-to-send', { count: batch.length })),
            h('ul', { className: 'change-list', id: 'contacts-changes' }, batch.map((change) => h('li', {}, describeChange(change, (id) => customerName(directory.customers, id)))))],
        page.errors.general.length > 0 ? h('ul', { className: 'field-error', id: 'contacts-general-errors', role: 'alert' }, page.errors.general.map((line) => h('li', {}, line))) : null,
        batch.length > 0 && blocked ? h('p', { className: 'hint', id: 'contacts-send-blocked' }, blocked) : null),
      h('div', { className: 'choices' },
        h('button', {
          type: 'button', className: 'secondary', id: 'contacts-discard', disabled: batch.length === 0 || page.busy,
          onClick: () => { page.edits = emptyEdits(); page.errors = { byContact: {}, general: [] }; page.stale = []; context.redraw(); },
        }, t('discard-changes')),
        h('button', {
          type: 'button', className: 'primary', id: 'contacts-send', disabled: batch.length === 0 || page.busy || Boolean(blocked), onClick: send,
        }, page.busy ? t('sending') : (direct ? t('save') : t('contacts-request-changes')))));
  }

  /** Shows `dialog` over the page, its first choice focused. */
  function openDialog(page, dialog) {
    page.dialog = dialog;
    context.redraw();
    document.querySelector('.overlay [data-autofocus]')?.focus();
  }

  function dialogView(page, directory) {
    const dialog = page.dialog;
    if (!dialog) return null;
    const close = () => { page.dialog = null; context.redraw(); };
    switch (dialog.kind) {
      case 'cancel-request':
        return confirmDialog({
          id: 'cancel-request-dialog', title: t('contacts-cancel-title'),
          text: t('contacts-cancel-text', { ticket: String(directory.pending.ticket_id) }),
          confirm: t('tickets-cancel-request'), keep: t('contacts-keep-request'), danger: true, close,
          onConfirm: () => replaceView(page, 'cancel_contact_request', { organization_id: selected, request_id: directory.pending.id }, t('contacts-request-cancelled')),
        });
      case 'remove':
        return confirmDialog({
          id: 'remove-dialog', title: t('contacts-remove-title', { name: displayName(dialog.contact) }),
          text: t('contacts-remove-text', { name: displayName(dialog.contact), email: dialog.contact.email, organization: directory.organization.name }),
          confirm: t('contacts-remove-user'), keep: t('contacts-keep-user'), danger: true, close,
          onConfirm: () => removeNow(page, dialog.contact),
        });
      case 'reset-password':
        return confirmDialog({
          id: 'reset-password-dialog', title: t('contacts-reset-title', { name: displayName(dialog.contact) }),
          text: dialog.contact.you
            ? t('contacts-reset-text-you')
            : t('contacts-reset-text', { email: dialog.contact.email }),
          confirm: t('contacts-reset-password'), keep: t('cancel'), danger: false, close,
          onConfirm: () => resetPassword(page, dialog.contact),
        });
      case 'customers':
        return customersDialog({ directory, page, contact: dialog.contact, close, rerender: context.redraw });
      case 'notifications':
        return notificationsDialog({ directory, page, contact: dialog.contact, close, rerender: context.redraw });
      default:
        return null;
    }
  }

  return {
    render,
    load,
    loadOrganizations,
    /** Whether the roles open the screen; null until they are read. */
    available: () => (organizations === null ? null : organizations.length > 0),
    reset: () => { organizations = null; selected = null; pages.clear(); },
    /** The outbox changed (sent, withdrawn): the shown list is read again,
     * unless the user is editing it. */
    outboxChanged: () => {
      const page = selected === null ? null : pages.get(selected);
      if (page?.view && buildBatch(page.view.directory, page.edits).length === 0) {
        page.notice = '';
        load();
      }
    },
  };
}
