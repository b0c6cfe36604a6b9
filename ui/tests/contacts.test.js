import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addContact, buildBatch, editsFromBatch, checkNewContact, chooseOnlyRole, customerSummary, describeChange, effectiveContact, emptyEdits,
  errorsByContact, flagRemoval, managerLock, requestedRows, roleLock, setCustomers, setDetail, setNotifications, setRole,
} from '../lib/contacts.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

const digest = { frequency: 'daily', categories: ['tickets', 'contact_changes', 'documents', 'payments'] };
const contact = (email, roles, fields = {}) => ({
  email, first_name: email.split('@')[0], last_name: 'X', office_phone: null, mobile_phone: null,
  roles, customers: [], notifications: digest, active: true, you: false, ...fields,
});
const partner = () => ({
  organization: { id: 2, name: 'Contoso', policy: 'direct' },
  roles: [
    { name: 'Admin', description: '', grants: ['manage_contacts'] },
    { name: 'User', description: '', grants: ['customer_data', 'assigned_customers'] },
    { name: 'Marketing', description: '', grants: ['partner_kit'] },
  ],
  customers: [{ id: 1, name: 'Acme' }, { id: 3, name: 'Cedar' }],
  contacts: [contact('dana@example.com', ['Admin'], { you: true }), contact('marco@example.com', ['User'], { customers: [1] })],
  pending: null,
});

test('edits make a batch in the order the portal applies it, address changes last', () => {
  const directory = partner();
  const [dana, marco] = directory.contacts;
  const edits = emptyEdits();
  setDetail(edits, marco, 'email', 'marco.rossi@example.com');
  chooseOnlyRole(edits, directory.roles, marco, 'Marketing');
  setCustomers(edits, marco, [3]); // moot: Marketing is not limited to customers
  setNotifications(edits, dana, { frequency: 'weekly', categories: ['tickets'] });
  addContact(edits, { email: ' uma@example.com ', first_name: 'Uma', last_name: 'Reyes', office_phone: '' }, ['User'], [3, 1]);
  assert.deepEqual(buildBatch(directory, edits), [
    { action: 'set_notifications', contact: 'dana@example.com', notifications: { frequency: 'weekly', categories: ['tickets'] } },
    { action: 'grant_role', contact: 'marco@example.com', role: 'Marketing' },
    { action: 'revoke_role', contact: 'marco@example.com', role: 'User' },
    { action: 'edit_contact', contact: 'marco@example.com', edit: { email: 'marco.rossi@example.com' } },
    { action: 'add_contact', details: { email: 'uma@example.com', first_name: 'Uma', last_name: 'Reyes' }, roles: ['User'], customers: [3, 1] },
  ]);
  const shown = effectiveContact(directory.roles, marco, edits);
  assert.deepEqual(shown.roles, ['Marketing']);
  assert.deepEqual(shown.customers, [], 'customers go with the User role');
  assert.equal(shown.email, 'marco.rossi@example.com');
});

test('undoing an edit leaves no change behind, and removal replaces the rest', () => {
  const directory = partner();
  const [, marco] = directory.contacts;
  const edits = emptyEdits();
  setRole(edits, marco, 'Marketing', true);
  setRole(edits, marco, 'Marketing', false);
  setDetail(edits, marco, 'last_name', 'Y');
  setDetail(edits, marco, 'last_name', 'X');
  setCustomers(edits, marco, [1]);
  assert.deepEqual(buildBatch(directory, edits), []);
  setRole(edits, marco, 'Marketing', true);
  flagRemoval(edits, marco, true);
  assert.deepEqual(buildBatch(directory, edits), [{ action: 'remove_contact', contact: 'marco@example.com' }]);
});

test('the last active manager cannot be demoted or removed, with the reason', () => {
  const directory = partner();
  const [dana, marco] = directory.contacts;
  const edits = emptyEdits();
  assert.equal(managerLock(directory, edits, dana), 'You are the last active Admin of Contoso; make someone else Admin first.');
  assert.equal(roleLock(directory, edits, dana, 'Admin'), managerLock(directory, edits, dana));
  assert.equal(roleLock(directory, edits, dana, 'Marketing'), null);
  assert.equal(managerLock(directory, edits, marco), null);
  setRole(edits, marco, 'Admin', true);
  assert.equal(managerLock(directory, edits, dana), null, 'another Admin frees her');
  const invited = { ...partner(), contacts: [dana, contact('new@example.com', ['Admin'], { active: false })] };
  assert.match(managerLock(invited, emptyEdits(), dana), /last active Admin/, 'an unactivated Admin does not count');
});

test('the summary reads like the ticket', () => {
  const name = (id) => ({ 1: 'Acme', 3: 'Cedar' }[id]);
  assert.equal(describeChange({ action: 'grant_role', contact: 'a@x.io', role: 'Management' }, name), 'Grant Management to a@x.io');
  assert.equal(describeChange({ action: 'set_customers', contact: 'a@x.io', customers: [1, 3] }, name), 'Assign a@x.io to Acme, Cedar');
  assert.equal(describeChange({ action: 'set_customers', contact: 'a@x.io', customers: [] }, name), 'Give a@x.io every customer');
  assert.equal(describeChange({ action: 'edit_contact', contact: 'a@x.io', edit: { mobile_phone: '', first_name: 'Al' } }, name), 'Edit a@x.io: first name → Al, remove mobile phone');
  assert.equal(
    describeChange({ action: 'add_contact', details: { email: 'n@x.io', first_name: 'N', last_name: 'P' }, roles: ['User'], customers: [3] }, name),
    'Add N P <n@x.io> as User for Cedar');
  assert.equal(
    describeChange({ action: 'set_notifications', contact: 'a@x.io', notifications: { frequency: 'weekly', categories: ['tickets', 'contact_changes'] } }, name),
    'Send a@x.io a weekly (Monday) digest of tickets, contact changes');
});

test('a request is shown as active against requested roles', () => {
  const active = [contact('lee@example.com', ['Technical Contact']), contact('priya@example.com', ['Accounts Payable'])];
  const requested = [contact('lee@example.com', ['Cust. Admin.', 'Technical Contact']), contact('nina@example.com', ['Technical Contact'])];
  assert.deepEqual(requestedRows(active, requested).map((row) => [row.email, row.kind, row.active, row.requested]), [
    ['lee@example.com', 'changed', ['Technical Contact'], ['Cust. Admin.', 'Technical Contact']],
    ['priya@example.com', 'removed', ['Accounts Payable'], null],
    ['nina@example.com', 'added', null, ['Technical Contact']],
  ]);
});

test('portal errors land beside the contact their change is about', () => {
  const batch = [
    { action: 'remove_contact', contact: 'dana@example.com' },
    { action: 'add_contact', details: { email: 'x@example.com' }, roles: [], customers: [] },
  ];
  const { byContact, general } = errorsByContact(
    { 'changes[0].contact': 'last Admin', 'changes[1].roles': 'Choose a role', changes: 'empty' }, batch);
  assert.deepEqual(byContact, { 'dana@example.com': ['last Admin'], 'x@example.com': ['Choose a role'] });
  assert.deepEqual(general, ['empty']);
});

test('a new contact is checked before it joins the edits', () => {
  const directory = partner();
  assert.deepEqual(checkNewContact(directory, emptyEdits(), { email: 'not an address', first_name: '', last_name: 'R' }, []), {
    first_name: 'Enter a first name.',
    email: 'Enter an e-mail address such as name@example.com.',
    roles: 'Choose at least one role.',
  });
  assert.deepEqual(checkNewContact(directory, emptyEdits(), { email: 'MARCO@example.com', first_name: 'M', last_name: 'R' }, ['User']), {
    email: 'MARCO@example.com is a contact of Contoso already.',
  });
  assert.deepEqual(checkNewContact(directory, emptyEdits(), { email: 'uma@example.com', first_name: 'U', last_name: 'R' }, ['User']), {});
  assert.equal(customerSummary([], directory.customers), 'All customers');
  assert.equal(customerSummary([3, 1], directory.customers), 'Cedar, Acme');
  assert.equal(customerSummary([1, 99], directory.customers), 'Acme, customer 99', 'one no longer listed');
});

test('a batch taken back from the outbox becomes the same edits, on the list as it is now', () => {
  const directory = partner();
  const [dana, marco] = directory.contacts;
  const edits = emptyEdits();
  setDetail(edits, marco, 'mobile_phone', '+44 7700 900111');
  setRole(edits, marco, 'Marketing', true);
  setNotifications(edits, dana, { frequency: 'weekly', categories: ['tickets'] });
  addContact(edits, { email: 'uma@example.com', first_name: 'Uma', last_name: 'Reyes' }, ['User'], [3]);
  const batch = buildBatch(directory, edits);
  const back = editsFromBatch(directory, batch);
  assert.deepEqual(back.lost, []);
  assert.deepEqual(buildBatch(directory, back.edits), batch);

  // Marco left meanwhile and Dana got Marketing elsewhere: his changes are
  // named as lost, and nothing is asked twice.
  const now = partner();
  now.contacts = [contact('dana@example.com', ['Admin', 'Marketing'], { you: true })];
  const moved = editsFromBatch(now, [...batch, { action: 'grant_role', contact: 'dana@example.com', role: 'Marketing' }]);
  assert.deepEqual(moved.lost, ['Grant Marketing to marco@example.com', 'Edit marco@example.com: mobile phone → +44 7700 900111']);
  assert.deepEqual(buildBatch(now, moved.edits).map((change) => change.action), ['set_notifications', 'add_contact']);
});
