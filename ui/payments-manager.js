// The Payments Manager: the quotes and invoices of the organizations whose
// documents the user's roles open, with a picker when there are several.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { documentOrganizations } from './lib/documents.js';
import { createDocumentsView } from './documents-view.js';
import { t } from './lib/i18n.js';

/** The Payments Manager screen over the shared documents `context`. */
export function createPaymentsManager(context) {
  /** `organizations` is null until the roles are read this session. */
  const state = { organizations: null, selected: null, views: new Map() };

  /** Learns which organizations' documents the user may see (from the
   * roles, cached when offline). */
  async function loadOrganizations() {
    try {
      const roles = await call('load_roles');
      state.organizations = documentOrganizations(roles.roles);
    } catch {
      state.organizations = [];
    }
    if (!state.organizations.some((organization) => organization.id === state.selected)) {
      state.selected = state.organizations[0]?.id ?? null;
    }
    context.redraw();
  }

  function viewFor(organizationId) {
    if (!state.views.has(organizationId)) {
      state.views.set(organizationId, createDocumentsView(organizationId, { ...context, idPrefix: 'payments-manager' }));
    }
    return state.views.get(organizationId);
  }

  function render(bannerView) {
    if (state.organizations === null) {
      return h('p', { className: 'loading', id: 'payments-manager-loading' }, t('documents-loading'));
    }
    if (state.selected === null) {
      return h('p', { id: 'payments-manager-none' }, t('payments-manager-none'));
    }
    const current = state.organizations.find((organization) => organization.id === state.selected);
    const picker = state.organizations.length > 1
      ? h('label', { className: 'filter' }, t('roles-organization'),
        h('select', {
          id: 'payments-manager-organization',
          onChange: (event) => { state.selected = Number(event.target.value); context.redraw(); },
        }, state.organizations.map((organization) => h('option', { value: organization.id, selected: organization.id === state.selected }, organization.name))))
      : null;
    const intro = h('p', { className: 'hint', id: 'payments-manager-note' }, t('payments-manager-note', { organization: current.name }));
    return [picker, viewFor(state.selected).render(bannerView, intro)];
  }

  return {
    render,
    loadOrganizations,
    /** The screen is shown again: the list shown is checked again. */
    enter: () => { if (state.selected !== null) viewFor(state.selected).enter(); },
    /** Whether the roles open the screen; null until they are read. */
    available: () => (state.organizations === null ? null : state.organizations.length > 0),
    reset: () => { state.organizations = null; state.selected = null; state.views.clear(); },
  };
}
