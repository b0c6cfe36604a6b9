// The Contacts screen's logic: edits kept as intentions on top of the
// portal's list (so they survive a reload of a newer list), the batch they
// make, its summary, the last-manager guard, and the active-vs-requested
// comparison of a waiting request.

import { t } from './i18n.js';

const MANAGE = 'manage_contacts';
const LIMITED = 'assigned_customers';
const DETAIL_FIELDS = ['first_name', 'last_name', 'email', 'office_phone', 'mobile_phone'];

/** No edits yet. */
export function emptyEdits() {
  return { contacts: {}, additions: [], nextKey: 1 };
}

/** How contacts are matched: by address, case and spaces aside. */
export const contactKey = (email) => String(email).trim().toLowerCase();
const keyOf = contactKey;

/** The contact's name for people (their address when they have none). */
export function displayName(contact) {
  return `${contact.first_name ?? ''} ${contact.last_name ?? ''}`.trim() || contact.email;
}

function editOf(edits, contact) {
  const key = keyOf(contact.email);
  edits.contacts[key] ??= { grant: [], revoke: [], details: {}, customers: null, notifications: null, remove: false };
  return edits.contacts[key];
}

/** The edit of `contact`, if any. */
export function existingEdit(edits, contact) {
  return edits.contacts[keyOf(contact.email)] ?? null;
}

/** True when one of `roles` grants `grant` in the catalogue. */
export function rolesGrant(catalogue, roles, grant) {
  return roles.some((name) => catalogue.find((role) => role.name === name)?.grants.includes(grant));
}

/** True when `roles` limit a contact to the customers assigned to them. */
export function assignsCustomers(catalogue, roles) {
  return rolesGrant(catalogue, roles, LIMITED);
}

/** True when the contact has edits besides a removal flag. */
export function isEdited(edits, contact) {
  const edit = existingEdit(edits, contact);
  return Boolean(edit) && !edit.remove && (edit.grant.length + edit.revoke.length > 0
    || Object.keys(edit.details).length > 0 || edit.customers !== null || edit.notifications !== null);
}

/** The contact's roles with the edits applied, in catalogue order. */
export function effectiveRoles(catalogue, contact, edits) {
  const edit = existingEdit(edits, contact);
  const held = new Set(contact.roles);
  for (const role of edit?.grant ?? []) held.add(role);
  for (const role of edit?.revoke ?? []) held.delete(role);
  return catalogue.map((role) => role.name).filter((name) => held.has(name));
}

/** The contact as it will be: roles, details, customers, notifications. */
export function effectiveContact(catalogue, contact, edits) {
  const edit = existingEdit(edits, contact);
  const roles = effectiveRoles(catalogue, contact, edits);
  const details = {};
  for (const field of DETAIL_FIELDS) details[field] = edit?.details[field] ?? contact[field] ?? '';
  const customers = assignsCustomers(catalogue, roles) ? (edit?.customers ?? contact.customers) : [];
  return {
    ...contact,
    ...details,
    roles,
    customers,
    notifications: edit?.notifications ?? contact.notifications,
    removed: Boolean(edit?.remove),
  };
}

/** Gives (`on`) or takes a role, relative to what the portal says. */
export function setRole(edits, contact, role, on) {
  const edit = editOf(edits, contact);
  edit.grant = edit.grant.filter((name) => name !== role);
  edit.revoke = edit.revoke.filter((name) => name !== role);
  const held = contact.roles.includes(role);
  if (on && !held) edit.grant.push(role);
  if (!on && held) edit.revoke.push(role);
}

/** Makes `role` the contact's only role (the direct policy's role choice). */
export function chooseOnlyRole(edits, catalogue, contact, role) {
  for (const { name } of catalogue) setRole(edits, contact, name, name === role);
}

/** Changes a detail field; back to the portal's value drops the edit. */
export function setDetail(edits, contact, field, value) {
  const edit = editOf(edits, contact);
  if (value.trim() === String(contact[field] ?? '').trim()) delete edit.details[field];
  else edit.details[field] = value;
}

/** Sets the assigned customers (empty: all of them). */
export function setCustomers(edits, contact, ids) {
  const sorted = [...new Set(ids.map(Number))].sort((a, b) => a - b);
  const same = sorted.length === contact.customers.length && sorted.every((id, i) => id === contact.customers[i]);
  editOf(edits, contact).customers = same ? null : sorted;
}

/** Sets the notification digest. */
export function setNotifications(edits, contact, digest) {
  const same = digest.frequency === contact.notifications.frequency
    && digest.categories.length === contact.notifications.categories.length
    && digest.categories.every((category) => contact.notifications.categories.includes(category));
  editOf(edits, contact).notifications = same ? null : { frequency: digest.frequency, categories: [...digest.categories] };
}

/** Flags the contact for removal, or takes the flag back. */
export function flagRemoval(edits, contact, on) {
  editOf(edits, contact).remove = on;
}

/** Adds a new contact to the edits; answers its key. */
export function addContact(edits, details, roles, customers = []) {
  const key = `new-${edits.nextKey++}`;
  edits.additions.push({ key, details: { ...details }, roles: [...roles], customers: [...customers] });
  return key;
}

/** Drops a contact added in the edits. */
export function removeAddition(edits, key) {
  edits.additions = edits.additions.filter((addition) => addition.key !== key);
}

const trimmed = (value) => String(value ?? '').trim();

/** The batch the edits make, in the order the portal applies it: for each
 * contact its roles, customers and notifications, then its details (an
 * address change last, since later changes name the contact by address);
 * then the additions. */
export function buildBatch(directory, edits) {
  const catalogue = directory.roles;
  const changes = [];
  for (const contact of directory.contacts) {
    const edit = existingEdit(edits, contact);
    if (!edit) continue;
    const name = contact.email;
    if (edit.remove) {
      changes.push({ action: 'remove_contact', contact: name });
      continue;
    }
    for (const { name: role } of catalogue) {
      if (edit.grant.includes(role)) changes.push({ action: 'grant_role', contact: name, role });
    }
    for (const { name: role } of catalogue) {
      if (edit.revoke.includes(role)) changes.push({ action: 'revoke_role', contact: name, role });
    }
    const roles = effectiveRoles(catalogue, contact, edits);
    if (edit.customers && assignsCustomers(catalogue, roles)) {
      changes.push({ action: 'set_customers', contact: name, customers: edit.customers });
    }
    if (edit.notifications) changes.push({ action: 'set_notifications', contact: name, notifications: edit.notifications });
    const details = {};
    for (const field of DETAIL_FIELDS) {
      if (field in edit.details) details[field] = trimmed(edit.details[field]);
    }
    if (Object.keys(details).length > 0) changes.push({ action: 'edit_contact', contact: name, edit: details });
  }
  for (const addition of edits.additions) {
    const details = {
      email: trimmed(addition.details.email),
      first_name: trimmed(addition.details.first_name),
      last_name: trimmed(addition.details.last_name),
    };
    for (const phone of ['office_phone', 'mobile_phone']) {
      if (trimmed(addition.details[phone])) details[phone] = trimmed(addition.details[phone]);
    }
    const limited = assignsCustomers(catalogue, addition.roles);
    changes.push({ action: 'add_contact', details, roles: addition.roles, customers: limited ? addition.customers : [] });
  }
  return changes;
}

/** The edits a batch was made of, on `directory` as it is now (a batch
 * taken back from the outbox to edit again). Answers {edits, lost}: `lost`
 * lists, for people, the changes about contacts no longer on the list. */
export function editsFromBatch(directory, batch, customerName = String) {
  const edits = emptyEdits();
  const lost = [];
  const byKey = new Map(directory.contacts.map((contact) => [keyOf(contact.email), contact]));
  for (const change of batch) {
    if (change.action === 'add_contact') {
      addContact(edits, change.details, change.roles, change.customers);
      continue;
    }
    const contact = byKey.get(keyOf(change.contact));
    if (!contact) {
      lost.push(describeChange(change, customerName));
      continue;
    }
    switch (change.action) {
      case 'grant_role': setRole(edits, contact, change.role, true); break;
      case 'revoke_role': setRole(edits, contact, change.role, false); break;
      case 'remove_contact': flagRemoval(edits, contact, true); break;
      case 'set_customers': setCustomers(edits, contact, change.customers); break;
      case 'set_notifications': setNotifications(edits, contact, change.notifications); break;
      case 'edit_contact':
        for (const [field, value] of Object.entries(change.edit)) setDetail(edits, contact, field, value ?? '');
        break;
      default: lost.push(describeChange(change, customerName));
    }
  }
  return { edits, lost };
}

/** One line for people about a change (as the portal's ticket words it). */
export function describeChange(change, customerName) {
  const names = (ids) => ids.map(customerName).join(', ');
  switch (change.action) {
    case 'grant_role': return t('change-grant-role', { role: change.role, contact: change.contact });
    case 'revoke_role': return t('change-revoke-role', { role: change.role, contact: change.contact });
    case 'remove_contact': return t('change-remove-contact', { contact: change.contact });
    case 'set_customers':
      return change.customers.length === 0
        ? t('change-every-customer', { contact: change.contact })
        : t('change-assign-customers', { contact: change.contact, customers: names(change.customers) });
    case 'set_notifications':
      return change.notifications.categories.length === 0
        ? t('change-stop-notifications', { contact: change.contact })
        : t('change-send-digest', {
          contact: change.contact,
          frequency: change.notifications.frequency,
          categories: change.notifications.categories.map((category) => t(`change-digest-${category}`)).join(', '),
        });
    case 'edit_contact': {
      const parts = DETAIL_FIELDS.filter((field) => field in change.edit)
        .map((field) => {
          const name = t(`change-field-${field}`);
          return change.edit[field] === '' ? t('change-field-removed', { field: name }) : t('change-field-set', { field: name, value: change.edit[field] });
        });
      return t('change-edit-contact', { contact: change.contact, parts: parts.join(', ') });
    }
    case 'add_contact': {
      const d = change.details;
      const who = { name: `${d.first_name} ${d.last_name}`, email: d.email, roles: change.roles.join(', ') };
      return change.customers.length > 0
        ? t('change-add-contact-for', { ...who, customers: names(change.customers) })
        : t('change-add-contact', who);
    }
    default: return change.action;
  }
}

/** The names of the catalogue's managing roles, for messages. */
export function managerRoleNames(catalogue) {
  const names = catalogue.filter((role) => role.grants.includes(MANAGE)).map((role) => role.name);
  if (names.length <= 1) return names[0] ?? t('contacts-manager');
  return t('contacts-either-role', { roles: names.slice(0, -1).join(', '), last: names[names.length - 1] });
}

/** Why the contact may not lose their managing role or be removed (they
 * are the last active manager once the edits apply), or null. */
export function managerLock(directory, edits, contact) {
  const catalogue = directory.roles;
  const isManager = (c) => {
    const effective = effectiveContact(catalogue, c, edits);
    return c.active && !effective.removed && rolesGrant(catalogue, effective.roles, MANAGE);
  };
  if (!isManager(contact)) return null;
  // Stops at the first other manager: this runs for every row drawn.
  const own = keyOf(contact.email);
  if (directory.contacts.some((c) => isManager(c) && keyOf(c.email) !== own)) return null;
  const roles = managerRoleNames(catalogue);
  const organization = directory.organization.name;
  return contact.you
    ? t('contacts-you-last-manager', { roles, organization })
    : t('contacts-last-manager', { roles, organization, email: contact.email });
}

/** Whether unticking `role` for the contact is locked, and why. */
export function roleLock(directory, edits, contact, role) {
  const catalogue = directory.roles;
  const grantsManage = catalogue.find((r) => r.name === role)?.grants.includes(MANAGE);
  if (!grantsManage) return null;
  const roles = effectiveRoles(catalogue, contact, edits);
  if (!roles.includes(role)) return null;
  const otherManaging = roles.some((name) => name !== role && catalogue.find((r) => r.name === name)?.grants.includes(MANAGE));
  return otherManaging ? null : managerLock(directory, edits, contact);
}

/** Active and requested roles side by side, one row per contact in
 * either list: `added`, `removed`, `changed` or `same`. */
export function requestedRows(active, requested) {
  const rows = [];
  // By address, once: thousands of contacts compare in one pass each.
  const byKey = (list) => new Map(list.map((c) => [keyOf(c.email), c]).reverse());
  const activeByKey = byKey(active);
  const requestedByKey = byKey(requested);
  for (const contact of active) {
    const wanted = requestedByKey.get(keyOf(contact.email));
    const name = `${contact.first_name} ${contact.last_name}`.trim();
    if (!wanted) {
      rows.push({ email: contact.email, name, active: contact.roles, requested: null, kind: 'removed' });
      continue;
    }
    const same = wanted.roles.join('\u0000') === contact.roles.join('\u0000')
      && wanted.email === contact.email && wanted.first_name === contact.first_name && wanted.last_name === contact.last_name
      && (wanted.office_phone ?? '') === (contact.office_phone ?? '') && (wanted.mobile_phone ?? '') === (contact.mobile_phone ?? '')
      && wanted.customers.join(',') === contact.customers.join(',');
    rows.push({ email: wanted.email, name: `${wanted.first_name} ${wanted.last_name}`.trim(), active: contact.roles, requested: wanted.roles, kind: same ? 'same' : 'changed' });
  }
  for (const wanted of requested) {
    if (!activeByKey.has(keyOf(wanted.email))) {
      rows.push({ email: wanted.email, name: `${wanted.first_name} ${wanted.last_name}`.trim(), active: null, requested: wanted.roles, kind: 'added' });
    }
  }
  return rows;
}

/** The portal's per-change errors (`changes[I].FIELD` → message) by the
 * contact each change is about, and the rest. */
export function errorsByContact(fields, batch) {
  const byContact = {};
  const general = [];
  for (const [field, message] of Object.entries(fields ?? {})) {
    const match = /^changes\[(\d+)\]/.exec(field);
    const change = match ? batch[Number(match[1])] : null;
    const email = change ? (change.action === 'add_contact' ? change.details.email : change.contact) : null;
    if (email) (byContact[keyOf(email)] ??= []).push(message);
    else general.push(message);
  }
  return { byContact, general };
}

/** Checks a contact to add before it joins the edits: names, address
 * shape, at least one role, not a contact already. */
export function checkNewContact(directory, edits, details, roles) {
  const errors = {};
  if (!trimmed(details.first_name)) errors.first_name = t('contacts-enter-first-name');
  if (!trimmed(details.last_name)) errors.last_name = t('contacts-enter-last-name');
  const email = trimmed(details.email);
  if (!email) errors.email = t('contacts-enter-email');
  else if (!/^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]+$/.test(email) || email.includes('..')) {
    errors.email = t('username-not-an-address');
  } else if (directory.contacts.some((c) => keyOf(c.email) === keyOf(email))
    || edits.additions.some((a) => keyOf(a.details.email) === keyOf(email))) {
    errors.email = t('contacts-already', { email, organization: directory.organization.name });
  }
  if (roles.length === 0) errors.roles = t('contacts-choose-role');
  return errors;
}

/** A customer's name, or "customer N" for one no longer listed. */
export function customerName(customers, id) {
  return customers.find((c) => c.id === id)?.name ?? t('contacts-customer-unlisted', { id: String(id) });
}

/** The assigned customers for people: "All customers" or their names. */
export function customerSummary(ids, customers) {
  if (ids.length === 0) return t('contacts-all-customers');
  return ids.map((id) => customerName(customers, id)).join(', ');
}
