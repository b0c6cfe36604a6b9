// My Profile → Portal Roles: every role in every organization, read-only.

import { h } from './lib/dom.js';
import { ago } from './lib/format.js';
import { grantLabel } from './lib/settings-form.js';
import { loadTab } from './tab-loader.js';
import { t } from './lib/i18n.js';

/** The Portal Roles tab; `tab` = {redraw, fetch, onSessionEnded}. */
export function createRolesTab(tab) {
  const state = { view: null, banner: null, loading: false };

  const load = () => loadTab(state, 'load_roles', tab);

  function view(bannerView) {
    if (!state.view && !state.loading && !state.banner) load();
    if (!state.view) {
      return h('div', {}, state.banner ? bannerView(state.banner, state.banner.action) : null,
        h('p', { className: 'loading' }, t('roles-loading')));
    }
    const roles = state.view.roles;
    return h('section', { className: 'card details', id: 'portal-roles' },
      state.view.cached_at !== null
        ? h('p', { className: 'banner warning', role: 'status' }, t('roles-offline', { ago: ago(state.view.cached_at) }))
        : null,
      h('p', { className: 'hint' }, t('roles-intro')),
      roles.length === 0
        ? h('p', { id: 'no-roles' }, t('roles-none'))
        : h('table', { className: 'roles', id: 'roles-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('roles-organization')), h('th', { scope: 'col' }, t('roles-role')), h('th', { scope: 'col' }, t('roles-grants')))),
          h('tbody', {}, roles.map((role) => h('tr', { 'data-organization': role.organization, 'data-role': role.role },
            h('td', {}, role.organization, h('span', { className: 'hint block' }, role.policy === 'review' ? t('roles-policy-review') : t('roles-policy-admins'))),
            h('th', { scope: 'row' }, role.role),
            h('td', {}, h('span', { className: 'block' }, role.description),
              role.grants.length > 0 ? h('ul', { className: 'grants' }, role.grants.map((grant) => h('li', {}, grantLabel(grant)))) : null))))),
    );
  }

  return { view, reset: () => { state.view = null; state.banner = null; } };
}
