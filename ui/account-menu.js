// The avatar menu of the top bar (seed 002: "Click your avatar icon located
// at the top right corner … a dropdown menu"): every account on this
// computer, each a click away; "Add account…"; My Profile; "Sign out of
// this account"; and removing this account from the computer (asking
// whether to delete what is kept of it here).

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { t } from './lib/i18n.js';

/** "1 ticket with new replies", "3 tickets with new replies". */
function unreadTitle(count) {
  return t('accounts-unread', { count });
}

/** The menu. `actions` = {switchTo(entry), addAccount(), myProfile(),
 * signOut(), removed(start)}; `redraw` draws the top bar again. */
export function createAccountMenu(actions, redraw) {
  let open = false;
  let entries = null;
  let asking = false; // "Remove this account…" asks before it removes
  let problem = '';

  function close({ focusButton = false } = {}) {
    if (!open) return;
    open = false;
    asking = false;
    problem = '';
    redraw();
    if (focusButton) document.getElementById('account-menu-button')?.focus();
  }

  async function toggle() {
    if (open) {
      close();
      return;
    }
    open = true;
    problem = '';
    redraw();
    try {
      entries = await call('list_accounts');
    } catch (error) {
      problem = placeError(error, []).banner ?? '';
    }
    if (!open) return;
    redraw();
    menuItems()[0]?.focus();
  }

  function menuItems() {
    return [...document.querySelectorAll('#account-menu [role^="menuitem"]')];
  }

  /** Arrow keys move between the items, Escape closes. */
  function onKeyDown(event) {
    const items = menuItems();
    const at = items.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      close({ focusButton: true });
    } else if (event.key === 'Tab') {
      // Tab leaves a menu: it closes, and focus moves on from its button.
      close({ focusButton: true });
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  }

  async function remove(deleteData) {
    const current = entries?.find((entry) => entry.current);
    if (!current) return;
    try {
      const start = await call('remove_account', { account_id: current.id, delete_data: deleteData });
      open = false;
      asking = false;
      actions.removed(start);
    } catch (error) {
      problem = placeError(error, []).banner ?? '';
      redraw();
    }
  }

  function item(id, label, onClick, extra = {}) {
    return h('button', { type: 'button', role: 'menuitem', className: 'menu-item', id, onClick, ...extra }, label);
  }

  function accountItem(entry) {
    return h('button', {
      type: 'button', role: 'menuitemradio', className: 'menu-item account-item', id: `account-${entry.id}`,
      'aria-checked': String(entry.current),
      onClick: () => { close(); if (!entry.current) actions.switchTo(entry); },
    },
    h('span', { className: 'account-name' }, entry.display_name || entry.email,
      entry.unread
        ? h('span', { className: 'badge', id: `account-unread-${entry.id}`, title: unreadTitle(entry.unread) },
          h('span', { 'aria-hidden': 'true' }, String(entry.unread)), h('span', { className: 'visually-hidden' }, unreadTitle(entry.unread)))
        : null),
    h('span', { className: 'muted small-text' }, t('accounts-email-at-portal', { email: entry.email, portal: entry.portal })),
    entry.signed_in ? null : h('span', { className: 'muted small-text' }, t('accounts-signed-out')));
  }

  function menu() {
    if (!open) return null;
    const current = entries?.find((entry) => entry.current);
    const body = asking
      ? [
        h('p', { className: 'menu-question', id: 'remove-account-question' },
          t('accounts-remove-question', { email: current?.email ?? '' }), // asked only with an account shown
          current?.waiting ? h('strong', { id: 'remove-account-waiting' }, t('accounts-remove-waiting', { count: current.waiting })) : null),
        item('remove-account-delete', t('accounts-remove-delete'), () => remove(true)),
        item('remove-account-keep', t('accounts-remove-keep'), () => remove(false)),
        item('remove-account-cancel', t('cancel'), () => { asking = false; redraw(); menuItems()[0]?.focus(); }),
      ]
      : [
        entries === null ? h('p', { className: 'muted menu-question' }, t('accounts-loading')) : entries.map(accountItem),
        h('hr', { className: 'menu-separator' }),
        item('add-account', t('accounts-add'), () => { close(); actions.addAccount(); }),
        item('menu-my-profile', t('screen-profile'), () => { close(); actions.myProfile(); }),
        item('menu-sign-out', t('accounts-sign-out'), () => { close(); actions.signOut(); }),
        current ? item('menu-remove-account', t('accounts-remove'), () => { asking = true; redraw(); menuItems()[0]?.focus(); }) : null,
      ];
    return h('div', { className: 'account-menu', id: 'account-menu', role: 'menu', 'aria-label': t('accounts-label'), onKeyDown },
      body,
      problem ? h('p', { className: 'error-text', role: 'alert' }, problem) : null);
  }

  // A click anywhere else closes the menu.
  document.addEventListener('click', (event) => {
    if (open && !event.target.closest?.('#account-menu, #account-menu-button')) close();
  });

  return {
    /** The avatar and name, as the button that opens the menu; with
     * `othersUnread`, a badge counting the other accounts' tickets with
     * unread replies. */
    button(children, othersUnread = 0) {
      const said = t('accounts-unread-elsewhere', { count: othersUnread });
      const badge = othersUnread
        ? h('span', { className: 'badge', id: 'other-accounts-unread', title: said },
          h('span', { 'aria-hidden': 'true' }, String(othersUnread)), h('span', { className: 'visually-hidden' }, said))
        : null;
      return h('button', {
        type: 'button', id: 'account-menu-button', className: 'account-menu-button',
        'aria-haspopup': 'menu', 'aria-expanded': String(open), 'aria-controls': 'account-menu',
        onClick: toggle,
      }, children, badge);
    },
    menu,
    /** Forgets the list (it is read again when the menu opens). */
    reset() {
      open = false;
      asking = false;
      entries = null;
      problem = '';
    },
  };
}
