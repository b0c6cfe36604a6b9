// Portal Desk's UI shell: start-up, the top bar, the screens and My
// Profile's tabs. Each screen and tab keeps its own state and draws only
// itself (screen-host.js); the shell draws the top bar, the notices and the
// layers over the page. The sign-in screen is in signin-screen.js.
// Everything that touches the network, the disk or a secret happens in Rust;
// this only renders and calls commands.

import { firstLanguage, firstStart } from './early-start.js';
import { prepareNumberRules, t, useCatalogue } from './lib/i18n.js';
import { beginSession, call, inThisSession } from './lib/ipc.js';
import { afterFirstFrames, h, replaceChildren } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { pagePresses } from './lib/press-gate.js';
import { nextNews } from './lib/live-words.js';
import { createScreenHost } from './screen-host.js';
import { createMyDetails } from './my-details.js';
import { reauthDialog } from './reauth-dialog.js';
import { createSettingsTab } from './settings-tab.js';
import { createRolesTab } from './roles-tab.js';
import { createAccountSection } from './account-section.js';
import { createSecurityTab } from './security-tab.js';
import { showSignIn as showSignInScreen } from './signin-screen.js';
import { bannerView } from './views.js';
import { createDownloads } from './downloads-panel.js';
import { createOutbox } from './outbox-panel.js';
import { createDocumentsView } from './documents-view.js';
import { createLibrary } from './library-screen.js';
import { createKnowledgeBase } from './kb-screen.js';
import { createPartnerKit } from './kit-screen.js';
import { createPaymentsManager } from './payments-manager.js';
import { viewerView } from './viewer.js';
import { createTickets } from './tickets-screen.js';
import { createContacts } from './contacts-screen.js';
import { createUpdates } from './update-banner.js';
import { helpButton } from './help-dialog.js';
import { createAccountMenu } from './account-menu.js';
import { watchModalFocus } from './modal-focus.js';
import { createDisplaySettings } from './display-card.js';
import { textSizeShortcut } from './lib/text-size.js';
import { keepFirstScreen, takeOverFromKeptScreen } from './kept-screen.js';

const root = document.getElementById('app');
watchModalFocus();
document.addEventListener('keydown', (event) => {
  const shortcut = textSizeShortcut(event, navigator.platform.startsWith('Mac'));
  if (!shortcut) return;
  event.preventDefault();
  // Said where the user is, not only in Settings: the page grows, and a
  // screen reader hears the size (or why it could not change).
  displaySettings.step(shortcut).then((said) => { announcer.textContent = nextNews(announcer.textContent, said); }, () => {});
});
let firstScreenReported = false;
// Start-up steps of the page, for the start-up benchmark's breakdown
// (wall-clock milliseconds, as the process marks its own).
const pageMarks = { page_requested: performance.timeOrigin, modules_run: performance.timeOrigin + performance.now() };

// The last uncaught script error, kept where a test that waited in vain can
// read it and say what went wrong.
window.addEventListener('error', (event) => { window.__lastError = event.message; });
window.addEventListener('unhandledrejection', (event) => { window.__lastError = String(event.reason?.message ?? event.reason); });

/** What the shell itself keeps: the signed-in account and what is shown
 * over every screen. Each screen's and tab's own state is in its module. */
const shell = {
  account: null,
  keyringWarning: null,
  keptRoleScreens: {}, // the role-given screens as last read: { payments_manager, … }
  banner: null, // { text } — signing out failed
  viewer: null, // a ViewableFile shown over the page
  reauth: false,
  othersUnread: 0, // tickets with unread replies in the other accounts
};

const TABS = [
  { id: 'my-details' },
  { id: 'my-payments' },
  { id: 'settings' },
  { id: 'portal-roles' },
  { id: 'security' },
];

// The parts of the page the shell draws, each alone.
const topBar = h('header', { className: 'top-bar' });
const notices = h('div', { className: 'notices', id: 'notices' });
const viewerLayer = h('div', { className: 'layer', id: 'viewer-layer' });
const reauthLayer = h('div', { className: 'layer', id: 'reauth-layer' });
// Says which screen and tab are shown, for screen readers (the page itself
// is not a live region: a redraw is not news).
const announcer = h('p', { className: 'visually-hidden', id: 'announcer', role: 'status', 'aria-live': 'polite' });

const tabs = createScreenHost('my-profile', [
  { id: 'my-details', render: () => myDetails.render() },
  { id: 'my-payments', render: () => myPayments.render(bannerView, myPaymentsIntro()), enter: () => myPayments.enter() },
  { id: 'settings', render: () => [settingsTab.view(bannerView), displaySettings.card(), updates.settingsCard()], enter: () => displaySettings.load() },
  { id: 'portal-roles', render: () => rolesTab.view(bannerView) },
  { id: 'security', render: () => securityTab.view(bannerView) },
]);
const screens = createScreenHost('app', [
  { id: 'profile', render: profileScreen },
  { id: 'tickets', render: () => screenPage(t('screen-tickets'), tickets.render(bannerView)), enter: () => tickets.enter() },
  { id: 'payments-manager', render: () => screenPage(t('screen-payments-manager'), paymentsManager.render(bannerView)), enter: () => paymentsManager.enter() },
  { id: 'contacts', render: () => screenPage(t('screen-contacts'), contacts.render(bannerView)), enter: () => contacts.load() },
  { id: 'library', render: () => screenPage(t('screen-library'), library.render()), enter: () => library.reset() },
  { id: 'knowledge-base', render: () => screenPage(t('screen-knowledge-base'), knowledgeBase.render()), enter: () => knowledgeBase.reset() },
  { id: 'partner-kit', render: () => screenPage(t('screen-partner-kit'), partnerKit.render()), enter: () => partnerKit.reset() },
]);

/** A screen's or tab's own redraw and reads. */
const tabContext = (id) => ({ redraw: () => tabs.redraw(id), fetch: (command, args) => tabs.fetch(id, command, args) });
const screenContext = (id) => ({ redraw: () => screens.redraw(id), fetch: (command, args) => screens.fetch(id, command, args) });

const askToSignInAgain = () => {
  if (shell.reauth || !shell.account) return;
  shell.reauth = true;
  drawReauth();
};
const downloads = createDownloads(askToSignInAgain);
/** Something in the outbox was sent or withdrawn: the places outside
 * Tickets that show waiting changes read them again. */
const placesShowingTheOutboxChanged = () => {
  myDetails.outboxChanged();
  settingsTab.outboxChanged();
  contacts.outboxChanged();
  knowledgeBase.outboxChanged();
};
const outbox = createOutbox({
  onChanged: () => { tickets.outboxChanged(); placesShowingTheOutboxChanged(); },
  redrawTopBar: () => drawTopBar(),
  onSessionEnded: askToSignInAgain,
});
const openViewer = (file) => {
  shell.viewer = file;
  drawViewer();
  document.getElementById('close-viewer')?.focus();
};
const documentsContext = { onSessionEnded: askToSignInAgain, downloads, openViewer };

const accountSection = createAccountSection({
  rerender: () => { tabs.redraw('my-details'); drawTopBar(); },
  currentProfile: () => myDetails.currentProfile(),
  onFreshProfile: (fresh) => myDetails.adoptFresh(fresh),
  onSessionEnded: askToSignInAgain,
  openTicket,
  outboxChanged: () => outbox.refresh(),
});
const myDetails = createMyDetails({
  redraw: () => tabs.redraw('my-details'),
  account: () => shell.account,
  followProfile,
  onSessionEnded: askToSignInAgain,
  onFirstPaint: reportFirstScreen,
  accountSection,
  outboxChanged: () => outbox.refresh(),
});
const settingsTab = createSettingsTab({ ...tabContext('settings'), onSessionEnded: askToSignInAgain, outboxChanged: () => outbox.refresh() });
const rolesTab = createRolesTab({ ...tabContext('portal-roles'), onSessionEnded: askToSignInAgain });
const securityTab = createSecurityTab({ ...tabContext('security'), onSessionEnded: askToSignInAgain });
const displaySettings = createDisplaySettings({ rerender: () => tabs.redraw('settings'), languageChanged });
const updates = createUpdates(() => { drawNotices(); tabs.redraw('settings'); });
const accountMenu = createAccountMenu({
  switchTo: (entry) => switchAccount(entry.id),
  addAccount,
  myProfile: () => showScreen('profile'),
  signOut,
  removed: showStart,
}, drawTopBar);
const myPayments = createDocumentsView(null, { ...documentsContext, ...tabContext('my-payments'), idPrefix: 'my-payments' });
const paymentsManager = createPaymentsManager({
  ...documentsContext,
  ...screenContext('payments-manager'),
  redraw: () => { screens.redraw('payments-manager'); drawTopBar(); },
});
const library = createLibrary({ ...documentsContext, ...screenContext('library') });
const partnerKit = createPartnerKit({
  ...screenContext('partner-kit'),
  onSessionEnded: askToSignInAgain,
  downloads,
  openViewer,
  // A role that no longer grants the kit takes the screen away.
  onAvailability: (available) => {
    if (!available && screens.shown() === 'partner-kit') {
      shell.banner = { text: t('kit-gone'), retry: false };
      drawNotices();
      showScreen('profile');
    }
    drawTopBar();
  },
});
const knowledgeBase = createKnowledgeBase({ ...screenContext('knowledge-base'), onSessionEnded: askToSignInAgain, outboxChanged: () => outbox.refresh() });
const tickets = createTickets({
  ...documentsContext,
  ...screenContext('tickets'),
  redraw: () => { screens.redraw('tickets'); drawTopBar(); },
  openFromNotification,
  otherAccounts: followOtherAccounts,
  outboxChanged: () => outbox.refresh(),
  outboxSent: () => { outbox.refresh(); placesShowingTheOutboxChanged(); },
  kitSynced: (report) => partnerKit.synced(report),
  kitSyncFailed: (message, code) => partnerKit.syncFailed(message, code),
  openKbArticle: (id) => { showScreen('knowledge-base'); knowledgeBase.open(id); },
  isShown: () => screens.shown() === 'tickets',
  isDemo: () => Boolean(shell.account?.demo),
});
const contacts = createContacts({
  ...screenContext('contacts'),
  redraw: () => { screens.redraw('contacts'); drawTopBar(); },
  onSessionEnded: askToSignInAgain,
  onSignedOut: signedOutBy,
  openTicket,
  isDemo: () => Boolean(shell.account?.demo),
  isShown: () => screens.shown() === 'contacts',
  outboxChanged: () => outbox.refresh(),
});

/** Opens ticket `number` on the Tickets screen (links from elsewhere). */
function openTicket(number) {
  showScreen('tickets');
  tickets.open(number);
}

/** A click on a ticket notification: the ticket, in its own account
 * (switched to first when another one is shown). */
function openFromNotification(accountId, number) {
  if (shell.account && shell.account.id === accountId) openTicket(number);
  else switchAccount(accountId, number);
}

/** The other accounts' news from the ticket watch: the count on the
 * avatar, and a word about each whose session the portal ended (only
 * that one asks to sign in again, when it is chosen). */
function followOtherAccounts({ unread, ended }) {
  shell.othersUnread = unread;
  if (ended.length > 0) {
    const who = ended.map((account) => t('session-ended-who', { email: account.email, portal: account.portal })).join(', ');
    shell.banner = { text: t('sessions-ended', { who }), retry: false };
    drawNotices();
  }
  drawTopBar();
}

async function boot() {
  // The first answers are on their way: meanwhile, what the first
  // screen's numbers need.
  prepareNumberRules();
  try {
    const language = await firstLanguage;
    useCatalogue(language.language, language.catalogue);
  } catch (error) {
    // Without its words the page cannot say anything: say so plainly.
    root.textContent = `Portal Desk cannot show its page: ${error?.message ?? error}`; // not UI text: no catalogue
    takeOverFromKeptScreen(root);
    return;
  }
  try {
    const early = await firstStart;
    if (early.error) throw early.error;
    const start = early.view;
    pageMarks.start_app_received = performance.timeOrigin + performance.now();
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
  // Signed out: answers still on their way for the last session vanish.
  shell.account = null;
  accountMenu.reset();
  beginSession();
  screens.reset();
  tabs.reset();
  document.title = t('app-name');
  showSignInScreen(root, options, showProfile);
  takeOverFromKeptScreen(root);
}

// ---------------------------------------------------------------- session

function showProfile(session) {
  beginSession();
  accountMenu.reset();
  Object.assign(shell, {
    account: session.account,
    keyringWarning: session.keyring_warning ?? null,
    keptRoleScreens: session.kept_role_screens ?? {},
    banner: null,
    viewer: null,
    reauth: false,
    othersUnread: 0,
  });
  for (const part of [myPayments, paymentsManager, contacts, library, knowledgeBase, tickets, downloads, outbox, settingsTab, rolesTab, securityTab, accountSection]) {
    part.reset();
  }
  partnerKit.signedOut();
  screens.reset();
  tabs.reset();
  replaceChildren(root,
    topBar,
    h('div', { className: 'workspace' }, h('main', { className: 'page' }, screens.element), outbox.panel, downloads.panel),
    viewerLayer,
    reauthLayer,
    announcer, downloads.news);
  takeOverFromKeptScreen(root);
  drawViewer();
  drawReauth();
  drawNotices();
  myDetails.begin(session.profile);
  tabs.show('my-details');
  screens.show('profile');
  drawTopBar();
  announceShown();
  pageMarks.profile_drawn ??= performance.timeOrigin + performance.now();
  // The reads the first screen does not show wait until it is painted.
  inThisSession(afterFirstFrames()).then(() => {
    if (!shell.account) return; // being signed out
    paymentsManager.loadOrganizations();
    contacts.loadOrganizations();
    partnerKit.checkAvailable();
    tickets.load();
    tickets.watch();
    outbox.refresh();
    updates.start();
    // The knowledge base kept current for the new ticket's suggestions
    // (one request when nothing changed).
    call('load_knowledge_base').catch(() => {});
  });
}

/** The top bar follows the profile's name and user name. */
function followProfile(profile) {
  if (!shell.account) return;
  const name = `${profile.first_name ?? ''} ${profile.last_name ?? ''}`.trim() || profile.email;
  shell.account = { ...shell.account, email: profile.email, display_name: name };
  drawTopBar();
  keepShownFirstScreen();
}

/** Keeps the page for the next start to paint first, once painted, when
 * it shows what a start shows first: My Details with the profile as kept,
 * nothing typed over it and nothing over the page. */
function keepShownFirstScreen() {
  inThisSession(afterFirstFrames()).then(() => {
    const account = shell.account;
    if (!account || screens.shown() !== 'profile' || tabs.shown() !== 'my-details') return;
    if (shell.viewer || shell.reauth || shell.banner || !myDetails.showsKeptProfile()) return;
    keepFirstScreen(root, account.id);
  });
}

function reportFirstScreen() {
  if (firstScreenReported) return;
  firstScreenReported = true;
  pageMarks.first_screen_drawn = performance.timeOrigin + performance.now();
  const [navigation] = performance.getEntriesByType('navigation');
  if (navigation) pageMarks.html_received = performance.timeOrigin + navigation.responseEnd;
  requestAnimationFrame(() => {
    pageMarks.first_frame = performance.timeOrigin + performance.now();
    requestAnimationFrame(() => {
      pageMarks.second_frame = performance.timeOrigin + performance.now();
      // The kept screen's first frame began (index.html marks it).
      for (const mark of performance.getEntriesByName('kept_screen_first_frame')) {
        pageMarks[mark.name] = performance.timeOrigin + mark.startTime;
      }
      // Each command answered before then (ipc.js measures every call).
      for (const measure of performance.getEntriesByType('measure')) {
        if (measure.name.startsWith('ipc ')) {
          pageMarks[`${measure.name.slice(4)}_answered`] = performance.timeOrigin + measure.startTime + measure.duration;
        }
      }
      call('first_screen_shown', { page_marks: pageMarks }).catch(() => {});
      keepShownFirstScreen();
    });
  });
}

// ---------------------------------------------------------------- drawing

function showScreen(id) {
  shell.viewer = null;
  drawViewer();
  screens.show(id);
  drawTopBar();
  announceShown();
}

function showTab(id) {
  tabs.show(id);
  screens.redraw('profile');
  announceShown();
}

/** The language changed: the page is drawn again in it (each other
 * screen is drawn in it when shown). */
function languageChanged() {
  drawTopBar();
  drawNotices();
  screens.redraw(screens.shown());
  tabs.redraw(tabs.shown());
  announceShown();
}

/** Names the screen (and My Profile's tab) now shown, in the window's
 * title and to screen readers. */
function announceShown() {
  const screen = screenNavItems().find((item) => item.id === screens.shown());
  const tab = screen?.id === 'profile' ? TABS.find((item) => item.id === tabs.shown()) : null;
  const shown = screen && tab ? t('screen-with-tab', { screen: screen.label, tab: t(`tab-${tab.id}`) }) : (screen?.label ?? '');
  document.title = shown ? t('window-title', { shown }) : t('app-name');
  announcer.textContent = shown;
}

/** The top bar, redrawn once a press under way has ended. */
function drawTopBar() {
  pagePresses().run(paintTopBar);
}

function paintTopBar() {
  const account = shell.account;
  if (!account) return;
  replaceChildren(topBar,
    h('div', { className: 'brand small' }, h('img', { src: 'icon.png', alt: '', width: 28, height: 28 }), h('span', {}, t('app-name'))),
    screenNav(),
    h('div', { className: 'who' },
      accountMenu.button([
        accountSection.avatar(account.display_name, 'top-avatar'),
        h('span', { className: 'who-text', title: account.portal },
          h('span', { id: 'top-user-name', className: 'name' }, account.display_name),
          h('span', { className: 'muted small-text' }, account.portal))], shell.othersUnread),
      accountMenu.menu(),
      helpButton(),
      h('button', { id: 'sign-out', type: 'button', className: 'secondary', onClick: signOut }, t('top-sign-out'))));
}

/** The banners over every screen: an update, a keyring warning, a failed
 * sign-out. */
function drawNotices() {
  pagePresses().run(paintNotices);
}

function paintNotices() {
  replaceChildren(notices,
    updates.banner(),
    shell.keyringWarning ? h('div', { className: 'banner warning', role: 'status' }, shell.keyringWarning) : null,
    shell.banner ? bannerView(shell.banner, null) : null);
}

function drawViewer() {
  replaceChildren(viewerLayer, viewerView(shell.viewer, () => { shell.viewer = null; drawViewer(); }));
}

/** The "Sign in again" dialog, drawn once when the session ends (never
 * while the user types in it). */
function drawReauth() {
  if (!shell.reauth || !shell.account) {
    reauthLayer.replaceChildren();
    return;
  }
  reauthLayer.replaceChildren(reauthDialog(shell.account, { onSignedIn: signedInAgain, onSignOut: signOut }));
  document.getElementById('reauth-password')?.focus();
}

function signedInAgain(session) {
  shell.reauth = false;
  shell.account = session.account;
  shell.keyringWarning = session.keyring_warning ?? null;
  drawReauth();
  drawNotices();
  drawTopBar();
  myDetails.signedInAgain(session.profile);
}

/** The navigation between My Profile and the other screens. */
function screenNav() {
  const shown = screens.shown();
  return h('nav', { className: 'screens', 'aria-label': t('app-name') },
    screenNavItems().map((item) => h('button', {
      type: 'button', className: 'screen-link', id: `screen-${item.id}`,
      'aria-current': shown === item.id ? 'page' : null,
      onClick: () => showScreen(item.id),
    }, item.label, item.badge ? h('span', { className: 'badge', id: 'tickets-unread', title: t('tickets-unread-title') }, String(item.badge)) : null)),
    outbox.toggleButton(),
    downloads.toggleButton());
}

/** The screens the signed-in account may open, in the navigation's order. */
function screenNavItems() {
  return [
    { id: 'profile' },
    { id: 'tickets', badge: tickets.unreadCount() },
    roleOpens(paymentsManager, 'payments_manager') ? { id: 'payments-manager' } : null,
    roleOpens(contacts, 'contacts') ? { id: 'contacts' } : null,
    { id: 'library' },
    { id: 'knowledge-base' },
    roleOpens(partnerKit, 'partner_kit') ? { id: 'partner-kit' } : null,
  ].filter(Boolean).map((item) => ({ ...item, label: t(`screen-${item.id}`) }));
}

/** Whether the account's roles open a role-given screen (its `part`,
 * named `kept` in the start answer's `kept_role_screens`): as this session
 * read them, or until then as they were last read here, so the navigation
 * does not grow under the pointer when they come. */
function roleOpens(part, kept) {
  return part.available() ?? Boolean(shell.keptRoleScreens[kept]);
}

/** A screen's page: its heading, the shared notices, its content. */
function screenPage(title, content) {
  return [h('h1', {}, title), notices, content];
}

function profileScreen() {
  const shown = tabs.shown();
  return [
    h('h1', {}, t('screen-profile')),
    h('nav', { className: 'tabs', 'aria-label': t('screen-profile') },
      TABS.map((tab) => h('button', {
        type: 'button', className: 'tab', id: `tab-${tab.id}`,
        'aria-current': shown === tab.id ? 'page' : null,
        onClick: () => showTab(tab.id),
      }, t(`tab-${tab.id}`)))),
    notices,
    tabs.element,
  ];
}

function myPaymentsIntro() {
  return h('p', { className: 'hint', id: 'my-payments-note' },
    t('my-payments-note-before'),
    roleOpens(paymentsManager, 'payments_manager')
      ? h('button', { type: 'button', className: 'link', id: 'go-payments-manager', onClick: () => showScreen('payments-manager') }, t('screen-payments-manager'))
      : t('screen-payments-manager'),
    t('my-payments-note-after'));
}

// ---------------------------------------------------------------- leaving

/** The portal ended the session on purpose (the user changed their own
 * address or password): back to sign-in, saying why. */
async function signedOutBy(message) {
  shell.account = null;
  window.scrollTo(0, 0);
  try {
    const start = await call('start_app');
    showSignIn({ portalUrl: start.screen === 'sign_in' ? start.portal_url : '', email: '', notice: message });
  } catch {
    showSignIn({ notice: message });
  }
}

/** Signs out of the shown account; the next account that is signed in
 * is shown then, or the sign-in form. */
async function signOut() {
  await tickets.flush();
  // Changes waiting in the outbox: keep them for next time, or discard.
  const waiting = await outbox.askBeforeSignOut();
  if (waiting === 'stay') return;
  try {
    if (waiting === 'discard') await call('discard_outbox');
    const outcome = await call('sign_out');
    showStart(await call('start_app'), outcome.note ?? null);
  } catch (error) {
    shell.banner = { text: placeError(error, []).banner, retry: false };
    drawNotices();
  }
}

/** Shows what `start` says: an account's profile, or the sign-in form
 * (filled in for the account it names), with `notice` there. */
function showStart(start, notice = null) {
  if (start.screen === 'profile') {
    showProfile(start);
    if (notice) {
      shell.banner = { text: notice, retry: false };
      drawNotices();
    }
    return;
  }
  showSignIn({ portalUrl: start.portal_url, email: start.email, notice: notice ?? start.notice ?? null });
}

/** Shows another account: at once from its local copy; the screens ask
 * its portal behind. With `ticket`, that ticket of it is opened. */
async function switchAccount(accountId, ticket = null) {
  await tickets.flush();
  try {
    const start = await call('switch_account', { account_id: accountId });
    showStart(start);
    if (ticket !== null && start.screen === 'profile') openTicket(ticket);
  } catch (error) {
    shell.banner = { text: placeError(error, []).banner, retry: false };
    drawNotices();
  }
}

/** The sign-in form for another account; "Back" returns to this one. */
async function addAccount() {
  const back = shell.account;
  await tickets.flush();
  const accounts = await call('list_accounts').catch(() => []);
  const current = accounts.find((entry) => entry.current);
  showSignIn({
    back: current ? { label: t('back-to-account', { name: back?.display_name ?? current.email }), go: () => switchAccount(current.id) } : null,
  });
}

boot();
