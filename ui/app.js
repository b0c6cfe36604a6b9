// Portal Desk's UI controller: start-up, and My Profile with its tabs (the
// sign-in screen is in signin-screen.js).
// Everything that touches the network, the disk or a secret happens in Rust;
// this only renders and calls commands.

import { call } from './lib/ipc.js';
import { h, replaceChildren } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { ago } from './lib/format.js';
import {
  PROFILE_FIELDS, changedFields, checkDraft, conflictRows, isDirty, resolveConflict, valuesOf,
} from './lib/profile-form.js';
import { createSettingsTab } from './settings-tab.js';
import { createRolesTab } from './roles-tab.js';
import { createAccountSection } from './account-section.js';
import { createSecurityTab } from './security-tab.js';
import { checkCode } from './lib/account-forms.js';
import { showSignIn as showSignInScreen } from './signin-screen.js';
import { bannerView } from './views.js';
import { createDownloads } from './downloads-panel.js';
import { createDocumentsView } from './documents-view.js';
import { createLibrary } from './library-screen.js';
import { createPaymentsManager } from './payments-manager.js';
import { viewerView } from './viewer.js';
import { createTickets } from './tickets-screen.js';
import { createContacts } from './contacts-screen.js';
import { createUpdates } from './update-banner.js';
import { helpButton } from './help-dialog.js';

const root = document.getElementById('app');
const PROFILE_FIELD_NAMES = PROFILE_FIELDS.map((field) => field.name);
let firstScreenReported = false;

/** The profile screen's state. */
const details = {
  account: null,
  base: null, // { profile, etag, cached_at }
  draft: null, // form values
  fieldErrors: {},
  banner: null, // { text, retry }
  status: '',
  saving: false,
  conflict: null, // { theirs: ProfileView }
  keyringWarning: null,
  reauth: false,
  tab: 'my-details',
  screen: 'profile', // 'profile' | 'tickets' | 'payments-manager' | 'contacts' | 'library'
  viewer: null, // a ViewableFile shown over the page
};

const TABS = [
  { id: 'my-details', label: 'My Details' },
  { id: 'my-payments', label: 'My Payments' },
  { id: 'settings', label: 'Settings' },
  { id: 'portal-roles', label: 'Portal Roles' },
  { id: 'security', label: 'Security' },
];
const askToSignInAgain = () => { details.reauth = true; renderProfile(); };
const settingsTab = createSettingsTab(() => renderProfile(), askToSignInAgain);
const rolesTab = createRolesTab(() => renderProfile(), askToSignInAgain);
const securityTab = createSecurityTab(() => renderProfile(), askToSignInAgain);
const downloads = createDownloads(askToSignInAgain);
const updates = createUpdates(() => renderProfile());
const openViewer = (file) => { details.viewer = file; renderProfile(); document.getElementById('close-viewer')?.focus(); };
const documentsContext = { rerender: () => renderProfile(), onSessionEnded: askToSignInAgain, downloads, openViewer };
const myPayments = createDocumentsView(null, { ...documentsContext, idPrefix: 'my-payments' });
const paymentsManager = createPaymentsManager(documentsContext);
const library = createLibrary(documentsContext);
const tickets = createTickets({
  ...documentsContext,
  showTicketsScreen: () => { details.screen = 'tickets'; details.viewer = null; renderProfile(); },
  isShown: () => details.screen === 'tickets',
  isDemo: () => Boolean(details.account?.demo),
});
/** Opens ticket `number` on the Tickets screen (links from elsewhere). */
const openTicket = (number) => { details.screen = 'tickets'; renderProfile(); tickets.open(number); };
const contacts = createContacts({
  rerender: () => renderProfile(),
  onSessionEnded: askToSignInAgain,
  onSignedOut: signedOutBy,
  openTicket,
  isDemo: () => Boolean(details.account?.demo),
});
const accountSection = createAccountSection({
  rerender: () => renderProfile(),
  currentProfile: () => details.base.profile,
  onFreshProfile: adoptFresh,
  onSessionEnded: askToSignInAgain,
  openTicket,
});

async function boot() {
  try {
    const start = await call('start_app');
    if (start.screen === 'profile') {
      showProfile(start);
    } else {
      showSignIn({ portalUrl: start.portal_url, email: start.email, notice: start.notice });
    }
  } catch (error) {
    // `--demo` with a demo user who turned on two-step sign-in: ask for the code.
    if (error?.code === 'mfa_required') showSignIn({ askCode: true });
    else showSignIn({ notice: placeError(error, []).banner });
  }
}

function showSignIn(options) {
  // Signed out: answers still on their way for the profile's screens no
  // longer render anything (see renderProfile).
  details.account = null;
  showSignInScreen(root, options, showProfile);
}

// ---------------------------------------------------------------- profile

function showProfile(session) {
  details.account = session.account;
  details.base = session.profile ?? null;
  details.draft = session.profile ? valuesOf(session.profile.profile) : null;
  details.fieldErrors = {};
  details.banner = null;
  details.status = '';
  details.saving = false;
  details.conflict = null;
  details.reauth = false;
  details.keyringWarning = session.keyring_warning ?? null;
  details.tab = 'my-details';
  details.screen = 'profile';
  details.viewer = null;
  myPayments.reset();
  paymentsManager.reset();
  contacts.reset();
  library.reset();
  tickets.reset();
  downloads.reset();
  settingsTab.reset();
  rolesTab.reset();
  securityTab.reset();
  accountSection.reset();
  renderProfile();
  if (details.base) {
    reportFirstScreen();
    accountSection.loadPhoto(details.base.profile.photo_etag);
  }
  if (!details.base || details.base.cached_at !== null) refreshInBackground();
  paymentsManager.loadOrganizations();
  contacts.loadOrganizations();
  tickets.load();
  tickets.watch();
  updates.start();
}

async function refreshInBackground() {
  try {
    const fresh = await call('refresh_profile');
    const untouched = !details.draft || !isDirty(valuesOf(details.base?.profile), details.draft);
    if (untouched) {
      details.base = fresh;
      details.draft = valuesOf(fresh.profile);
    } else if (details.base) {
      details.base = { ...details.base, cached_at: null };
    }
    followAccount(fresh.profile);
    renderProfile();
    reportFirstScreen();
    accountSection.loadPhoto(fresh.profile.photo_etag);
  } catch (error) {
    const placed = placeError(error, []);
    if (placed.needsSignIn) {
      details.reauth = true;
    } else {
      details.banner = { text: `${placed.banner} Showing your details as last synced.`, retry: placed.retryable, action: refreshInBackground };
    }
    renderProfile();
  }
}

/** Adopts a profile the portal just answered, keeping unsaved edits on top
 * of it. */
function adoptFresh(fresh) {
  const edits = details.base ? changedFields(valuesOf(details.base.profile), details.draft) : {};
  details.base = fresh;
  details.draft = { ...valuesOf(fresh.profile), ...edits };
  followAccount(fresh.profile);
  renderProfile();
  accountSection.loadPhoto(fresh.profile.photo_etag);
}

/** The top bar follows the profile's name and user name. */
function followAccount(profile) {
  if (!details.account) return;
  const name = `${profile.first_name ?? ''} ${profile.last_name ?? ''}`.trim() || profile.email;
  details.account = { ...details.account, email: profile.email, display_name: name };
}

function reportFirstScreen() {
  if (firstScreenReported) return;
  firstScreenReported = true;
  requestAnimationFrame(() => requestAnimationFrame(() => { call('first_screen_shown').catch(() => {}); }));
}

function renderProfile() {
  const account = details.account;
  if (!account) return; // the sign-in screen is shown
  const topBar = h('header', { className: 'top-bar' },
    h('div', { className: 'brand small' }, h('img', { src: 'icon.png', alt: '', width: 28, height: 28 }), h('span', {}, 'Portal Desk')),
    h('div', { className: 'who' },
      accountSection.avatar(account.display_name, 'top-avatar'),
      h('span', { className: 'who-text', title: account.portal },
        h('span', { id: 'top-user-name', className: 'name' }, account.display_name),
        h('span', { className: 'muted small-text' }, account.portal)),
      helpButton(),
      h('button', { id: 'sign-out', type: 'button', className: 'secondary', onClick: signOut }, 'Sign out')),
  );
  topBar.insertBefore(screenNav(), topBar.lastChild);
  const notices = [];
  const updateBanner = updates.banner();
  if (updateBanner) notices.push(updateBanner);
  if (details.keyringWarning) notices.push(h('div', { className: 'banner warning', role: 'status' }, details.keyringWarning));
  if (details.banner) notices.push(bannerView(details.banner, details.banner.action ?? save));
  replaceChildren(root,
    topBar,
    h('div', { className: 'workspace' },
      h('main', { className: 'page' }, ...screenContent(notices)),
      downloads.panel),
    details.screen === 'profile' && details.tab === 'my-details' ? accountSection.dialog() : null,
    viewerView(details.viewer, () => { details.viewer = null; renderProfile(); }),
    details.reauth ? reauthDialog() : null,
  );
}

/** The navigation between My Profile, the Payments Manager and the Library. */
function screenNav() {
  const screens = [
    { id: 'profile', label: 'My Profile' },
    { id: 'tickets', label: 'Tickets', badge: tickets.unreadCount() },
    paymentsManager.available() ? { id: 'payments-manager', label: 'Payments Manager' } : null,
    contacts.available() ? { id: 'contacts', label: 'Contacts' } : null,
    { id: 'library', label: 'Library' },
  ].filter(Boolean);
  return h('nav', { className: 'screens', 'aria-label': 'Portal Desk' },
    screens.map((screen) => h('button', {
      type: 'button', className: 'screen-link', id: `screen-${screen.id}`,
      'aria-current': details.screen === screen.id ? 'page' : null,
      onClick: () => {
        details.screen = screen.id;
        if (screen.id === 'library') library.reset();
        if (screen.id === 'tickets') tickets.load();
        if (screen.id === 'contacts') contacts.load();
        renderProfile();
      },
    }, screen.label, screen.badge ? h('span', { className: 'badge', id: 'tickets-unread', title: 'Tickets with new replies' }, String(screen.badge)) : null)),
    downloads.toggleButton());
}

function screenContent(notices) {
  if (details.screen === 'payments-manager') {
    return [h('h1', {}, 'Payments Manager'), ...notices, paymentsManager.render(bannerView)];
  }
  if (details.screen === 'tickets') {
    return [h('h1', {}, 'Tickets'), ...notices, tickets.render(bannerView)];
  }
  if (details.screen === 'contacts') {
    return [h('h1', {}, 'Contacts'), ...notices, contacts.render(bannerView)];
  }
  if (details.screen === 'library') {
    return [h('h1', {}, 'Library'), ...notices, library.render()];
  }
  let body;
  if (details.tab === 'settings') body = [settingsTab.view(bannerView), updates.settingsCard()];
  else if (details.tab === 'portal-roles') body = rolesTab.view(bannerView);
  else if (details.tab === 'security') body = securityTab.view(bannerView);
  else if (details.tab === 'my-payments') body = myPayments.render(bannerView, myPaymentsIntro());
  else body = details.draft ? [detailsForm(), accountSection.passwordCard()] : h('p', { className: 'loading' }, 'Loading your details…');
  return [
    h('h1', {}, 'My Profile'),
    h('nav', { className: 'tabs', 'aria-label': 'My Profile' },
      TABS.map((tab) => h('button', {
        type: 'button', className: 'tab', id: `tab-${tab.id}`,
        'aria-current': details.tab === tab.id ? 'page' : null,
        onClick: () => { details.tab = tab.id; renderProfile(); },
      }, tab.label))),
    ...notices,
    body,
  ];
}

function myPaymentsIntro() {
  return h('p', { className: 'hint', id: 'my-payments-note' },
    'Quotes and invoices sent to you personally. Your organization’s quotes and invoices are never shown here: they are in the ',
    paymentsManager.available()
      ? h('button', { type: 'button', className: 'link', id: 'go-payments-manager', onClick: () => { details.screen = 'payments-manager'; renderProfile(); } }, 'Payments Manager')
      : 'Payments Manager',
    '.');
}

function detailsForm() {
  const base = valuesOf(details.base.profile);
  const dirty = isDirty(base, details.draft);
  const input = (field) => {
    const errorId = `error-${field.name}`;
    return h('div', { className: 'field' },
      h('label', { for: `field-${field.name}` }, field.label),
      h('input', {
        id: `field-${field.name}`, name: field.name, type: field.type ?? 'text', autocomplete: field.autocomplete,
        value: details.draft[field.name], maxlength: field.maxLength * 2,
        'aria-invalid': details.fieldErrors[field.name] ? 'true' : null, 'aria-describedby': errorId,
        onInput: (event) => {
          details.draft[field.name] = event.target.value;
          delete details.fieldErrors[field.name];
          details.status = '';
          updateActionBar();
        },
      }),
      h('p', { className: 'field-error', id: errorId, role: 'alert' }, details.fieldErrors[field.name] ?? ''),
    );
  };
  const section = (title, name) => h('fieldset', { className: 'section' },
    h('legend', {}, title),
    h('div', { className: 'grid' }, PROFILE_FIELDS.filter((f) => f.section === name).map(input)));
  const cached = details.base.cached_at !== null
    ? h('p', { className: 'muted small-text', id: 'synced' }, `Last synced ${ago(details.base.cached_at)}; refreshing…`)
    : null;
  return h('form', { className: 'card details', id: 'my-details', novalidate: true, onSubmit: (event) => { event.preventDefault(); save(); } },
    cached,
    details.conflict ? conflictPanel(base) : null,
    accountSection.photoBlock(details.account.display_name),
    section('Name', 'name'),
    accountSection.usernameBlock(details.base.profile, details.account.demo),
    section('Contact details', 'contact'),
    h('div', { className: 'action-bar', id: 'action-bar' },
      h('span', { className: 'status', id: 'save-status', role: 'status' }, details.saving ? 'Saving…' : details.status),
      h('button', { type: 'button', className: 'secondary', id: 'discard-changes', disabled: !dirty || details.saving, onClick: discard }, 'Discard changes'),
      h('button', { type: 'submit', className: 'primary', id: 'save-changes', disabled: !dirty || details.saving || details.conflict !== null }, 'Save Changes')),
  );
}

/** Updates the action bar without re-rendering the inputs being typed in. */
function updateActionBar() {
  const dirty = isDirty(valuesOf(details.base.profile), details.draft);
  const save = document.getElementById('save-changes');
  const discardButton = document.getElementById('discard-changes');
  if (save) save.disabled = !dirty || details.saving || details.conflict !== null;
  if (discardButton) discardButton.disabled = !dirty || details.saving;
  const status = document.getElementById('save-status');
  if (status) status.textContent = details.saving ? 'Saving…' : details.status;
  for (const name of PROFILE_FIELD_NAMES) {
    if (details.fieldErrors[name]) continue;
    const error = document.getElementById(`error-${name}`);
    if (error) error.textContent = '';
    document.getElementById(`field-${name}`)?.removeAttribute('aria-invalid');
  }
}

function conflictPanel(base) {
  const theirs = valuesOf(details.conflict.theirs.profile);
  const rows = conflictRows(base, details.draft, theirs);
  return h('section', { className: 'conflict', id: 'conflict-panel', role: 'alert' },
    h('h2', {}, 'Your profile was changed elsewhere'),
    h('p', {}, 'While you were editing, your details were saved from somewhere else. Your changes are kept here until you choose.'),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Your version'), h('th', { scope: 'col' }, 'On the portal now'))),
      h('tbody', {}, rows.map((row) => h('tr', { className: row.differs ? 'differs' : '', 'data-field': row.name },
        h('th', { scope: 'row' }, row.label),
        h('td', { className: 'mine' }, row.mine || '—'),
        h('td', { className: 'theirs' }, row.theirs || '—'))))),
    h('div', { className: 'choices' },
      h('button', { type: 'button', className: 'primary', id: 'keep-mine', onClick: () => chooseVersion('mine') }, 'Keep my changes'),
      h('button', { type: 'button', className: 'secondary', id: 'use-theirs', onClick: () => chooseVersion('theirs') }, 'Use the portal’s version')),
  );
}

function chooseVersion(choice) {
  const base = valuesOf(details.base.profile);
  const theirs = details.conflict.theirs;
  details.draft = resolveConflict(base, details.draft, valuesOf(theirs.profile), choice);
  details.base = theirs;
  details.conflict = null;
  details.status = choice === 'mine' ? 'Your changes are applied to the newer version. Save them when ready.' : 'Showing the portal’s version.';
  renderProfile();
  document.getElementById(choice === 'mine' ? 'save-changes' : 'field-first_name')?.focus();
}

function discard() {
  details.draft = valuesOf(details.base.profile);
  details.fieldErrors = {};
  details.status = '';
  renderProfile();
}

async function save() {
  const base = valuesOf(details.base.profile);
  const local = checkDraft(details.draft);
  const update = changedFields(base, details.draft);
  if (Object.keys(local).length > 0) {
    details.fieldErrors = local;
    renderProfile();
    focusFirstInvalidField();
    return;
  }
  if (Object.keys(update).length === 0) return;
  details.saving = true;
  details.banner = null;
  details.fieldErrors = {};
  renderProfile();
  try {
    const saved = await call('save_profile', { update, if_match: details.base.etag });
    details.base = saved;
    details.draft = valuesOf(saved.profile);
    details.status = 'Saved.';
  } catch (error) {
    const placed = placeError(error, PROFILE_FIELD_NAMES);
    if (placed.code === 'conflict') {
      try {
        details.conflict = { theirs: await call('refresh_profile') };
      } catch (refreshError) {
        details.banner = { text: placeError(refreshError, []).banner, retry: true };
      }
    } else if (placed.needsSignIn) {
      details.reauth = true;
    } else {
      details.fieldErrors = placed.fields;
      details.banner = placed.banner ? { text: placed.banner, retry: placed.retryable } : null;
    }
  } finally {
    details.saving = false;
    renderProfile();
  }
  if (!focusFirstInvalidField() && details.reauth) document.getElementById('reauth-password')?.focus();
}

/** Focuses the first field with an error; answers whether there was one. */
function focusFirstInvalidField() {
  const name = PROFILE_FIELD_NAMES.find((field) => details.fieldErrors[field]);
  if (name) document.getElementById(`field-${name}`)?.focus();
  return Boolean(name);
}

function reauthDialog() {
  let password = '';
  let code = '';
  let needsCode = false;
  const dialog = h('div', { className: 'overlay' },
    h('form', { className: 'card dialog', id: 'reauth', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'reauth-title', novalidate: true, onSubmit: submit },
      h('h2', { id: 'reauth-title' }, 'Sign in again'),
      h('p', { id: 'reauth-text' }, `Your session with ${details.account.portal} has ended. Enter the password for ${details.account.email} to continue. Your unsaved changes stay as they are.`),
      h('div', { className: 'field', id: 'reauth-password-field' },
        h('label', { for: 'reauth-password' }, 'Password'),
        h('input', { id: 'reauth-password', type: 'password', autocomplete: 'current-password', 'aria-describedby': 'reauth-password-error', onInput: (event) => { password = event.target.value; } }),
        h('p', { className: 'field-error', id: 'reauth-password-error', role: 'alert' }, '')),
      h('div', { className: 'field', id: 'reauth-code-field', hidden: true },
        h('label', { for: 'reauth-code' }, 'Code from your authenticator app, or a recovery code'),
        h('input', { id: 'reauth-code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', 'aria-describedby': 'reauth-code-error', onInput: (event) => { code = event.target.value; } }),
        h('p', { className: 'field-error', id: 'reauth-code-error', role: 'alert' }, '')),
      h('div', { className: 'choices' },
        h('button', { type: 'submit', className: 'primary', id: 'reauth-submit' }, 'Sign in'),
        h('button', { type: 'button', className: 'secondary', onClick: signOut }, 'Sign out'))));

  function showCodeStep() {
    needsCode = true;
    document.getElementById('reauth-password-field').hidden = true;
    document.getElementById('reauth-code-field').hidden = false;
    document.getElementById('reauth-text').textContent = 'Your password was right. Now enter the code from your authenticator app, or one of your recovery codes.';
    document.getElementById('reauth-code')?.focus();
  }

  async function submit(event) {
    event.preventDefault();
    const errorLine = document.getElementById(needsCode ? 'reauth-code-error' : 'reauth-password-error');
    const problem = needsCode ? checkCode(code) : (password ? '' : 'Enter your password.');
    errorLine.textContent = problem;
    if (problem) return;
    try {
      const session = needsCode
        ? await call('sign_in_with_code', { code })
        : await call('sign_in_again', { password });
      details.reauth = false;
      details.account = session.account;
      details.keyringWarning = session.keyring_warning ?? null;
      const fresh = session.profile;
      const myEdits = changedFields(valuesOf(details.base.profile), details.draft);
      details.base = fresh;
      details.draft = { ...valuesOf(fresh.profile), ...myEdits };
      details.status = Object.keys(myEdits).length > 0 ? 'Signed in again. Your changes are still here; save them when ready.' : 'Signed in again.';
      details.banner = null;
      renderProfile();
      document.getElementById('save-changes')?.focus();
    } catch (failure) {
      if (!needsCode && failure?.code === 'mfa_required') {
        showCodeStep();
        return;
      }
      const placed = placeError(failure, ['password', 'code']);
      errorLine.textContent = placed.fields.password ?? placed.fields.code ?? placed.banner;
    }
  }
  return dialog;
}

/** The portal ended the session on purpose (the user changed their own
 * address or password): back to sign-in, saying why. */
async function signedOutBy(message) {
  details.account = null;
  window.scrollTo(0, 0);
  try {
    const start = await call('start_app');
    showSignIn({ portalUrl: start.screen === 'sign_in' ? start.portal_url : '', email: '', notice: message });
  } catch {
    showSignIn({ notice: message });
  }
}

async function signOut() {
  const email = details.account?.demo ? '' : details.account?.email ?? '';
  await tickets.flush();
  try {
    const outcome = await call('sign_out');
    const start = await call('start_app');
    showSignIn({
      portalUrl: start.screen === 'sign_in' ? start.portal_url : '',
      email: start.screen === 'sign_in' ? start.email : email,
      notice: outcome.note ?? null,
    });
  } catch (error) {
    details.banner = { text: placeError(error, []).banner, retry: false };
    renderProfile();
  }
}

boot();
