// The Contacts screen's table and its add-contact form, in the two layouts:
// `review` (a checkbox per role in each contact's row, expandable details,
// Delete flags) and `direct` (one role per user, assigned customers,
// password reset, notifications and removal per user).

import { h } from './lib/dom.js';
import { createVirtualRows } from './virtual-rows.js';
import {
  assignsCustomers, chooseOnlyRole, contactKey, customerSummary, displayName, effectiveContact, flagRemoval, isEdited,
  managerLock, removeAddition, roleLock, setDetail, setRole,
} from './lib/contacts.js';
import { t } from './lib/i18n.js';

const DETAIL_INPUTS = [
  { name: 'first_name', autocomplete: 'given-name' },
  { name: 'last_name', autocomplete: 'family-name' },
  { name: 'email', type: 'email', autocomplete: 'email' },
  { name: 'office_phone', type: 'tel', autocomplete: 'tel' },
  { name: 'mobile_phone', type: 'tel', autocomplete: 'tel' },
].map((input) => ({ ...input, get label() { return t(`contact-field-${input.name}`); } }));
/** The number of columns of the table in either layout. */
const columnsOf = (directory, direct) => (direct ? 4 : directory.roles.length + 2);

/** The portal's objections to the changes of one contact, as a table row. */
function errorsRow(email, errors, columns) {
  if (errors.length === 0) return null;
  return h('tr', { className: 'contact-errors', 'data-email': email },
    h('td', { colspan: columns }, h('ul', { className: 'field-error', role: 'alert' }, errors.map((line) => h('li', {}, line)))));
}

/** Rows assumed for a contact before it was drawn and measured. */
const CONTACT_ROW_HEIGHT = 64;

/** The table of contacts (and of contacts being added) with their edits,
 * kept between draws: only the contacts in view are in the page (each a
 * <tbody> of its row, the portal's objections and its opened details), so
 * thousands of contacts draw as fast as ten. `show(directory, page,
 * direct, handlers)` draws it for the latest state; `handlers` =
 * {rerender, typed (a detail changed: refresh the summary only, keeping
 * the input being typed in), openDialog(dialog)}. */
export function createContactsTable() {
  let drawing = null; // { directory, page, direct, handlers }
  const thead = h('thead');
  const table = h('table', { id: 'contacts-table' }, thead);
  const rows = createVirtualRows({
    parent: table,
    leading: [thead],
    content: table,
    keyOf: (item) => item.key,
    rowHeight: CONTACT_ROW_HEIGHT,
    measured: true,
    mark: () => {},
    renderRow: (item) => {
      const { directory, page, direct, handlers } = drawing;
      const offline = page.view.cached_at !== null;
      return h('tbody', { className: 'contact' }, item.addition
        ? additionRow(directory, page, direct, handlers, item.addition)
        : contactRows(directory, page, direct, handlers, item.contact, item.index, offline));
    },
  });
  return {
    element: rows.element,
    show(directory, page, direct, handlers) {
      drawing = { directory, page, direct, handlers };
      table.className = `contacts ${direct ? 'direct' : 'review'}`;
      // Room for the names beside a column of checkboxes per role.
      table.style.minWidth = direct ? '' : `${16 + 8 * directory.roles.length + 12}rem`;
      const head = direct
        ? [h('th', { scope: 'col' }, t('contacts-user')), h('th', { scope: 'col' }, t('roles-role')), h('th', { scope: 'col' }, t('contacts-customers')), h('th', { scope: 'col' }, t('documents-column-actions'))]
        : [h('th', { scope: 'col' }, t('contacts-contact')),
          ...directory.roles.map((role) => h('th', { scope: 'col', className: 'role-column', title: role.description }, role.name)),
          h('th', { scope: 'col' }, h('span', { className: 'visually-hidden' }, t('contacts-changes')))];
      thead.replaceChildren(h('tr', {}, head));
      const items = [
        ...directory.contacts.map((contact, index) => ({ key: `contact ${contactKey(contact.email)}`, contact, index })),
        ...page.edits.additions.map((addition) => ({ key: `addition ${addition.key}`, addition })),
      ];
      // What a row shows depends on every edit: built afresh each draw.
      rows.show(items, { rebuild: true });
    },
    /** Draws again once the table is in the page. */
    paint: rows.paint,
  };
}

function contactRows(directory, page, direct, handlers, contact, index, offline) {
  const catalogue = directory.roles;
  const key = contactKey(contact.email);
  const effective = effectiveContact(catalogue, contact, page.edits);
  const changed = isEdited(page.edits, contact);
  const expanded = page.expanded.has(key);
  const lock = managerLock(directory, page.edits, contact);
  const columns = columnsOf(directory, direct);
  const toggle = () => {
    if (expanded) page.expanded.delete(key);
    else page.expanded.add(key);
    handlers.rerender();
  };
  const nameCell = h('th', { scope: 'row', className: 'contact-cell' },
    h('button', {
      type: 'button', className: 'link contact-name', id: `contact-${index}-toggle`, 'aria-expanded': expanded ? 'true' : 'false',
      'aria-controls': `contact-${index}-details`, onClick: toggle,
    }, displayName(effective)),
    contact.you ? h('span', { className: 'chip' }, t('tickets-you')) : null,
    contact.invited
      ? h('span', { className: 'chip inactive', title: t('contacts-invited-hint') }, t('contacts-invited'))
      : contact.active ? null : h('span', { className: 'chip inactive', title: t('contacts-not-activated-hint') }, t('contacts-not-activated')),
    h('span', { className: 'muted small-text block contact-email' }, effective.email),
    lock ? h('span', { className: 'hint block lock-reason' }, lock) : null);
  const marker = effective.removed
    ? h('span', { className: 'chip change-removed' }, direct ? t('contacts-removed') : t('contacts-flagged'))
    : changed ? h('span', { className: 'chip change-changed' }, t('contacts-changed')) : null;
  const summary = direct
    ? directSummaryCells(directory, page, { ...handlers, toggle, expanded }, contact, effective, index, lock, offline)
    : [...catalogue.map((role) => roleCheckboxCell(directory, page, handlers, contact, effective, role, index)), h('td', {}, marker)];
  const rowClass = ['contact-row', effective.removed ? 'removed' : '', changed ? 'changed' : ''].filter(Boolean).join(' ');
  const rows = [h('tr', { className: rowClass, 'data-email': contact.email }, nameCell, ...summary)];
  if (direct && marker) rows[0].firstChild.append(marker);
  rows.push(errorsRow(contact.email, page.errors.byContact[key] ?? [], columns));
  if (expanded) {
    rows.push(h('tr', { className: 'contact-details', id: `contact-${index}-details`, 'data-email': contact.email },
      h('td', { colspan: columns }, detailsPanel(directory, page, direct, handlers, contact, effective, index, lock))));
  }
  return rows;
}

function roleCheckboxCell(directory, page, handlers, contact, effective, role, index) {
  const lock = roleLock(directory, page.edits, contact, role.name);
  return h('td', { className: 'role-cell' },
    h('input', {
      type: 'checkbox', id: `contact-${index}-role-${directory.roles.indexOf(role)}`, 'data-role': role.name,
      'aria-label': t('contacts-role-for', { role: role.name, name: displayName(effective) }), title: lock ?? role.description,
      checked: effective.roles.includes(role.name), disabled: effective.removed || Boolean(lock),
      onChange: (event) => { setRole(page.edits, contact, role.name, event.target.checked); handlers.rerender(); },
    }));
}

function directSummaryCells(directory, page, handlers, contact, effective, index, lock, offline) {
  const catalogue = directory.roles;
  const single = effective.roles.length === 1 ? effective.roles[0] : '';
  // Changing the role drops the current one: locked when that would leave
  // no active manager.
  const roleLockReason = single ? roleLock(directory, page.edits, contact, single) : null;
  const roleSelect = h('select', {
    id: `contact-${index}-role`, className: 'role-select', 'aria-label': t('contacts-role-of', { name: displayName(effective) }),
    disabled: effective.removed || Boolean(roleLockReason), title: roleLockReason,
    onChange: (event) => { chooseOnlyRole(page.edits, catalogue, contact, event.target.value); handlers.rerender(); },
  },
  single ? null : h('option', { value: '', selected: true, disabled: true }, effective.roles.join(' + ') || t('contacts-no-role')),
  catalogue.map((role) => h('option', { value: role.name, selected: role.name === single }, role.name)));
  const limited = assignsCustomers(catalogue, effective.roles);
  const customersCell = limited
    ? h('td', { className: 'customers-cell' },
      h('span', { className: 'customer-summary' }, customerSummary(effective.customers, directory.customers)),
      ' ',
      h('button', {
        type: 'button', className: 'link', id: `contact-${index}-customers`, disabled: effective.removed,
        onClick: () => handlers.openDialog({ kind: 'customers', contact }),
      }, t('contacts-select')))
    : h('td', { className: 'customers-cell muted' }, '—');
  const needsPortal = offline ? t('contacts-needs-portal') : null;
  return [
    h('td', {}, roleSelect),
    customersCell,
    h('td', {}, h('div', { className: 'row-actions' },
      h('button', {
        type: 'button', className: 'link', id: `contact-${index}-edit`, 'aria-expanded': handlers.expanded ? 'true' : 'false',
        onClick: handlers.toggle,
      }, t('outbox-edit')),
      h('button', {
        type: 'button', className: 'link', id: `contact-${index}-reset`, disabled: Boolean(needsPortal) || effective.removed || !contact.active,
        title: needsPortal ?? (contact.invited ? t('contacts-not-accepted') : contact.active ? null : t('contacts-not-activated-yet')),
        onClick: () => handlers.openDialog({ kind: 'reset-password', contact }),
      }, t('contacts-reset-password')),
      h('button', {
        type: 'button', className: 'link', id: `contact-${index}-notifications`, disabled: effective.removed,
        onClick: () => handlers.openDialog({ kind: 'notifications', contact }),
      }, t('contacts-notifications')),
      h('button', {
        type: 'button', className: 'link danger-link', id: `contact-${index}-remove`, disabled: Boolean(lock),
        title: lock,
        onClick: () => handlers.openDialog({ kind: 'remove', contact }),
      }, t('compose-remove-file')))),
  ];
}

function detailsPanel(directory, page, direct, handlers, contact, effective, index, lock) {
  const inputs = DETAIL_INPUTS.map((field) => {
    const id = `contact-${index}-${field.name}`;
    return h('div', { className: 'field' },
      h('label', { for: id }, field.label),
      h('input', {
        id, type: field.type ?? 'text', autocomplete: 'off', value: effective[field.name] ?? '', maxlength: 200,
        disabled: effective.removed,
        onInput: (event) => { setDetail(page.edits, contact, field.name, event.target.value); handlers.typed(); },
      }));
  });
  const ownAddress = contact.you && direct
    ? h('p', { className: 'hint', id: `contact-${index}-own-address` }, t('contacts-own-address'))
    : null;
  const roles = direct
    ? h('p', { className: 'hint' }, directory.roles.find((role) => role.name === effective.roles[0])?.description ?? '')
    : h('fieldset', { className: 'section' },
      h('legend', {}, t('contacts-roles')),
      h('div', { className: 'choices-list' }, directory.roles.map((role) => {
        const roleLockReason = roleLock(directory, page.edits, contact, role.name);
        return h('label', { className: 'choice' },
          h('input', {
            type: 'checkbox', id: `contact-${index}-detail-role-${directory.roles.indexOf(role)}`,
            checked: effective.roles.includes(role.name), disabled: effective.removed || Boolean(roleLockReason),
            onChange: (event) => { setRole(page.edits, contact, role.name, event.target.checked); handlers.rerender(); },
          }),
          h('span', {}, h('strong', {}, role.name), h('span', { className: 'hint block' }, role.description)));
      })));
  const removal = direct
    ? null
    : h('div', { className: 'choices' },
      h('button', {
        type: 'button', className: effective.removed ? 'secondary' : 'secondary danger-outline', id: `contact-${index}-delete`,
        disabled: !effective.removed && Boolean(lock), title: effective.removed ? null : lock,
        onClick: () => { flagRemoval(page.edits, contact, !effective.removed); handlers.rerender(); },
      }, effective.removed ? t('contacts-undo-delete') : t('contacts-delete')),
      effective.removed ? h('span', { className: 'hint' }, t('contacts-flagged-hint')) : null);
  return h('div', { className: 'contact-panel' },
    h('div', { className: 'grid' }, inputs),
    ownAddress,
    roles,
    removal);
}

/** A contact being added: its row, and the portal's objections if any. */
function additionRow(directory, page, direct, handlers, addition) {
  const catalogue = directory.roles;
  const { details } = addition;
  const nameCell = h('th', { scope: 'row', className: 'contact-cell' },
    h('span', { className: 'contact-name' }, displayName(details)),
    h('span', { className: 'chip change-added' }, t('contacts-new')),
    h('span', { className: 'muted small-text block contact-email' }, details.email));
  const drop = h('button', {
    type: 'button', className: 'link', 'data-action': 'drop-addition',
    onClick: () => { removeAddition(page.edits, addition.key); handlers.rerender(); },
  }, t('contacts-drop-addition'));
  const cells = direct
    ? [h('td', {}, addition.roles.join(', ')),
      h('td', { className: 'customers-cell' }, assignsCustomers(catalogue, addition.roles) ? customerSummary(addition.customers, directory.customers) : '—'),
      h('td', {}, h('div', { className: 'row-actions' }, drop))]
    : [...catalogue.map((role) => h('td', { className: 'role-cell' },
      h('input', {
        type: 'checkbox', 'data-role': role.name, 'aria-label': t('contacts-role-for', { role: role.name, name: details.email }),
        checked: addition.roles.includes(role.name),
        disabled: addition.roles.length === 1 && addition.roles.includes(role.name),
        title: addition.roles.length === 1 && addition.roles.includes(role.name) ? t('contacts-needs-a-role') : role.description,
        onChange: (event) => {
          addition.roles = event.target.checked ? [...addition.roles, role.name] : addition.roles.filter((name) => name !== role.name);
          handlers.rerender();
        },
      }))), h('td', {}, drop)];
  return [h('tr', { className: 'contact-row added', 'data-email': details.email }, nameCell, ...cells),
    errorsRow(details.email, page.errors.byContact[contactKey(details.email)] ?? [], columnsOf(directory, direct))];
}

/** The form for a new contact (`page.adding`); `actions` = {rerender,
 * cancel, submit}. */
export function newContactForm(directory, page, direct, actions) {
  const adding = page.adding;
  const catalogue = directory.roles;
  const field = (input) => {
    const id = `new-contact-${input.name}`;
    const error = adding.errors[input.name];
    return h('div', { className: 'field' },
      h('label', { for: id }, input.label, input.name.endsWith('phone') ? h('span', { className: 'muted' }, t('contacts-optional')) : null),
      h('input', {
        id, type: input.type ?? 'text', autocomplete: 'off', value: adding.details[input.name] ?? '', maxlength: 200,
        'aria-invalid': error ? 'true' : null, 'aria-describedby': `${id}-error`,
        onInput: (event) => {
          adding.details[input.name] = event.target.value;
          delete adding.errors[input.name];
          event.target.removeAttribute('aria-invalid');
          document.getElementById(`${id}-error`).textContent = '';
        },
      }),
      h('p', { className: 'field-error', id: `${id}-error`, role: 'alert' }, error ?? ''));
  };
  const roleChoice = (role, index) => h('label', { className: 'choice' },
    h('input', {
      type: direct ? 'radio' : 'checkbox', name: 'new-contact-role', id: `new-contact-role-${index}`, value: role.name,
      checked: adding.roles.includes(role.name),
      onChange: (event) => {
        if (direct) adding.roles = [role.name];
        else adding.roles = event.target.checked ? [...adding.roles, role.name] : adding.roles.filter((name) => name !== role.name);
        delete adding.errors.roles;
        actions.rerender();
      },
    }),
    h('span', {}, h('strong', {}, role.name), h('span', { className: 'hint block' }, role.description)));
  const limited = assignsCustomers(catalogue, adding.roles);
  return h('form', {
    className: 'card new-contact', id: 'new-contact', novalidate: true, 'aria-labelledby': 'new-contact-title',
    onSubmit: (event) => { event.preventDefault(); actions.submit(); },
  },
  h('h2', { id: 'new-contact-title' }, direct ? t('contacts-add-user') : t('contacts-add-contact')),
  h('div', { className: 'grid' }, DETAIL_INPUTS.map(field)),
  h('fieldset', { className: 'section', id: 'new-contact-roles' },
    h('legend', {}, direct ? t('roles-role') : t('contacts-roles-at-least-one')),
    h('div', { className: 'choices-list' }, catalogue.map(roleChoice)),
    h('p', { className: 'field-error', id: 'new-contact-roles-error', role: 'alert' }, adding.errors.roles ?? '')),
  limited && directory.customers.length > 0
    ? h('fieldset', { className: 'section', id: 'new-contact-customers' },
      h('legend', {}, t('contacts-assigned-customers')),
      h('p', { className: 'hint' }, t('contacts-none-selected')),
      h('div', { className: 'choices-list columns' }, directory.customers.map((customer) => h('label', { className: 'choice' },
        h('input', {
          type: 'checkbox', id: `new-contact-customer-${customer.id}`, checked: adding.customers.includes(customer.id),
          onChange: (event) => {
            adding.customers = event.target.checked ? [...adding.customers, customer.id] : adding.customers.filter((id) => id !== customer.id);
            actions.rerender();
          },
        }),
        h('span', {}, customer.name)))))
    : null,
  h('p', { className: 'hint' }, direct
    ? t('contacts-welcome-direct')
    : t('contacts-welcome-review')),
  h('div', { className: 'choices' },
    h('button', { type: 'submit', className: 'primary', id: 'new-contact-submit' }, t('contacts-add-to-changes')),
    h('button', { type: 'button', className: 'secondary', id: 'new-contact-cancel', onClick: actions.cancel }, t('cancel'))));
}
