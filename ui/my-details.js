// My Profile → My Details: the profile form with its own state — the copy
// the portal last answered, the user's draft on top of it, the messages
// beside fields, and the side-by-side choice when the profile changed
// elsewhere while it was being edited.

import { call, inThisSession } from './lib/ipc.js';
import { afterFirstFrames, h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { ago } from './lib/format.js';
import { bannerView } from './views.js';
import {
  PROFILE_FIELDS, changedFields, checkDraft, conflictRows, isDirty, resolveConflict, valuesOf,
} from './lib/profile-form.js';
import { t } from './lib/i18n.js';

const PROFILE_FIELD_NAMES = PROFILE_FIELDS.map((field) => field.name);

/** The My Details tab. `context` = {redraw (this tab), account() (the
 * signed-in account), followProfile(profile) (the top bar follows the
 * name), onSessionEnded, onFirstPaint, accountSection, outboxChanged()}. */
export function createMyDetails(context) {
  const state = {
    base: null, // { profile, etag, cached_at }
    draft: null, // form values
    fieldErrors: {},
    banner: null, // { text, retry, action }
    status: '',
    saving: false,
    conflict: null, // { theirs: ProfileView, outbox: id of the waiting change, if it is one }
    waiting: null, // a change waiting in the outbox: { id, update, state }
    refreshing: false, // the portal's copy is being asked for
    // The "Last synced …" line waits for the first frames: saying how long
    // ago reads the system's plural and number rules (ICU), about 6 ms the
    // first time, and the profile itself comes first.
    syncLineWaits: false,
  };

  /** The values with the change waiting in the outbox over them. */
  function withWaiting(values) {
    const update = state.waiting?.update ?? {};
    const over = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== null && value !== undefined));
    return { ...values, ...over };
  }

  /** Reads the change to My Details waiting in the outbox; one the
   * portal's version conflicts with is shown side by side. */
  async function loadWaiting() {
    // What was typed over the form as shown stays typed.
    const shown = state.base ? withWaiting(valuesOf(state.base.profile)) : null;
    let waiting;
    context.accountSection.loadWaitingUsername();
    try {
      waiting = await call('load_waiting_profile');
    } catch {
      return;
    }
    const edits = shown && state.draft ? changedFields(shown, state.draft) : {};
    state.waiting = waiting;
    if (state.base) state.draft = { ...withWaiting(valuesOf(state.base.profile)), ...edits };
    if (state.waiting?.state === 'conflict') {
      state.status = '';
      try {
        state.conflict = { theirs: await call('refresh_profile'), outbox: state.waiting.id };
      } catch (error) {
        state.banner = { text: placeError(error, []).banner, retry: true };
      }
    }
    context.redraw();
  }

  /** Starts over with the profile a new session brought (may be null:
   * it is then fetched). */
  function begin(profile) {
    Object.assign(state, {
      base: profile ?? null,
      draft: profile ? valuesOf(profile.profile) : null,
      fieldErrors: {}, banner: null, status: '', saving: false, conflict: null,
      syncLineWaits: Boolean(profile && profile.cached_at !== null),
    });
    if (state.base) {
      context.onFirstPaint();
      context.accountSection.loadPhoto(state.base.profile.photo_etag);
    }
    if (!state.base) refreshInBackground();
    // The copy kept here is on screen: the portal's is asked for once it
    // is painted, so its answer is not drawn into the first frames.
    else if (state.base.cached_at !== null) {
      state.refreshing = true;
      inThisSession(afterFirstFrames()).then(() => {
        state.syncLineWaits = false;
        context.redraw();
        refreshInBackground();
      });
    }
    else loadWaiting();
  }

  async function refreshInBackground() {
    state.refreshing = true;
    try {
      const fresh = await call('refresh_profile');
      // The portal answers: a banner about not reaching it has had its day.
      state.banner = null;
      const untouched = !state.draft || !isDirty(withWaiting(valuesOf(state.base?.profile)), state.draft);
      if (untouched) {
        state.base = fresh;
        state.draft = withWaiting(valuesOf(fresh.profile));
      } else if (state.base) {
        state.base = { ...state.base, cached_at: null };
      }
      context.followProfile(fresh.profile);
      context.redraw();
      context.onFirstPaint();
      context.accountSection.loadPhoto(fresh.profile.photo_etag);
      loadWaiting();
    } catch (error) {
      state.refreshing = false;
      const placed = placeError(error, []);
      if (placed.needsSignIn) {
        context.onSessionEnded();
      } else {
        state.banner = { text: t('details-showing-synced', { problem: placed.banner }), retry: placed.retryable, action: refreshInBackground };
        context.redraw();
      }
    } finally {
      state.refreshing = false;
    }
  }

  /** Adopts a profile the portal just answered, keeping unsaved edits on
   * top of it; answers the fields that were edited. */
  function adoptFresh(fresh) {
    const edits = state.base ? changedFields(valuesOf(state.base.profile), state.draft) : {};
    state.base = fresh;
    state.draft = { ...valuesOf(fresh.profile), ...edits };
    context.followProfile(fresh.profile);
    context.redraw();
    context.accountSection.loadPhoto(fresh.profile.photo_etag);
    return edits;
  }

  /** Signed in again after the session ended: the fresh profile under the
   * edits that were waiting. */
  function signedInAgain(fresh) {
    const edits = adoptFresh(fresh);
    state.status = Object.keys(edits).length > 0 ? t('details-signed-in-again-edits') : t('details-signed-in-again');
    state.banner = null;
    context.redraw();
    document.getElementById('save-changes')?.focus();
  }

  function render() {
    if (!state.draft) return h('p', { className: 'loading' }, t('details-loading'));
    return [
      state.banner ? bannerView(state.banner, state.banner.action ?? save) : null,
      detailsForm(),
      context.accountSection.passwordCard(),
      context.accountSection.dialog(),
    ];
  }

  function detailsForm() {
    const base = valuesOf(state.base.profile);
    const dirty = isDirty(withWaiting(base), state.draft);
    const account = context.account();
    const input = (field) => {
      const errorId = `error-${field.name}`;
      return h('div', { className: 'field' },
        h('label', { for: `field-${field.name}` }, field.label),
        h('input', {
          id: `field-${field.name}`, name: field.name, type: field.type ?? 'text', autocomplete: field.autocomplete,
          value: state.draft[field.name], maxlength: field.maxLength * 2,
          'aria-invalid': state.fieldErrors[field.name] ? 'true' : null, 'aria-describedby': errorId,
          onInput: (event) => {
            state.draft[field.name] = event.target.value;
            delete state.fieldErrors[field.name];
            state.status = '';
            updateActionBar();
          },
        }),
        h('p', { className: 'field-error', id: errorId, role: 'alert' }, state.fieldErrors[field.name] ?? ''),
        waitingField(field.name) ? h('p', { className: 'muted small-text waiting-note', id: `waiting-${field.name}` }, t('outbox-waiting')) : null,
      );
    };
    const section = (title, name) => h('fieldset', { className: 'section' },
      h('legend', {}, title),
      h('div', { className: 'grid' }, PROFILE_FIELDS.filter((f) => f.section === name).map(input)));
    // The line keeps its place once the portal's copy is in, so nothing
    // below it moves under a pointer about to click.
    const isCached = state.base.cached_at !== null;
    const cached = h('p', { className: 'muted small-text sync-line', id: isCached ? 'synced' : null },
      !isCached || state.syncLineWaits ? '' : state.refreshing
        ? t('details-synced-refreshing', { ago: ago(state.base.cached_at) })
        : t('details-synced', { ago: ago(state.base.cached_at) }));
    return h('form', { className: 'card details', id: 'my-details', novalidate: true, onSubmit: (event) => { event.preventDefault(); save(); } },
      cached,
      state.conflict ? conflictPanel(base) : null,
      context.accountSection.photoBlock(account.display_name),
      section(t('details-name'), 'name'),
      context.accountSection.usernameBlock(state.base.profile, account.demo),
      section(t('details-contact'), 'contact'),
      h('div', { className: 'action-bar', id: 'action-bar' },
        h('span', { className: 'status', id: 'save-status', role: 'status' }, state.saving ? t('saving') : state.status),
        h('button', { type: 'button', className: 'secondary', id: 'discard-changes', disabled: !dirty || state.saving, onClick: discard }, t('discard-changes')),
        h('button', { type: 'submit', className: 'primary', id: 'save-changes', disabled: !dirty || state.saving || state.conflict !== null }, t('save-changes'))),
    );
  }

  /** Whether field `name` has a value waiting in the outbox. */
  function waitingField(name) {
    const value = state.waiting?.update?.[name];
    return value !== null && value !== undefined;
  }

  /** Updates the action bar without redrawing the inputs being typed in. */
  function updateActionBar() {
    const dirty = isDirty(withWaiting(valuesOf(state.base.profile)), state.draft);
    const saveButton = document.getElementById('save-changes');
    const discardButton = document.getElementById('discard-changes');
    if (saveButton) saveButton.disabled = !dirty || state.saving || state.conflict !== null;
    if (discardButton) discardButton.disabled = !dirty || state.saving;
    const status = document.getElementById('save-status');
    if (status) status.textContent = state.saving ? t('saving') : state.status;
    for (const name of PROFILE_FIELD_NAMES) {
      if (state.fieldErrors[name]) continue;
      const error = document.getElementById(`error-${name}`);
      if (error) error.textContent = '';
      document.getElementById(`field-${name}`)?.removeAttribute('aria-invalid');
    }
  }

  function conflictPanel(base) {
    const theirs = valuesOf(state.conflict.theirs.profile);
    const rows = conflictRows(base, state.draft, theirs);
    return h('section', { className: 'conflict', id: 'conflict-panel', role: 'alert' },
      h('h2', {}, t('details-conflict-title')),
      h('p', {}, t('details-conflict-intro')),
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('details-conflict-field')), h('th', { scope: 'col' }, t('conflict-yours')), h('th', { scope: 'col' }, t('conflict-theirs')))),
        h('tbody', {}, rows.map((row) => h('tr', { className: row.differs ? 'differs' : '', 'data-field': row.name },
          h('th', { scope: 'row' }, row.label),
          h('td', { className: 'mine' }, row.mine || '—'),
          h('td', { className: 'theirs' }, row.theirs || '—'))))),
      h('div', { className: 'choices' },
        h('button', { type: 'button', className: 'primary', id: 'keep-mine', onClick: () => chooseVersion('mine') }, t('details-keep-mine')),
        h('button', { type: 'button', className: 'secondary', id: 'use-theirs', onClick: () => chooseVersion('theirs') }, t('details-use-theirs'))),
    );
  }

  async function chooseVersion(choice) {
    if (state.conflict.outbox) {
      settleWaiting(choice);
      return;
    }
    const base = valuesOf(state.base.profile);
    const theirs = state.conflict.theirs;
    state.draft = resolveConflict(base, state.draft, valuesOf(theirs.profile), choice);
    state.base = theirs;
    state.conflict = null;
    state.status = choice === 'mine' ? t('details-mine-applied') : t('details-theirs-shown');
    context.redraw();
    document.getElementById(choice === 'mine' ? 'save-changes' : 'field-first_name')?.focus();
  }

  /** Settles the outbox's waiting change side by side with the portal's
   * version: mine is sent on it, theirs withdraws mine. */
  async function settleWaiting(choice) {
    const { theirs, outbox } = state.conflict;
    state.saving = true;
    context.redraw();
    try {
      const now = await call('settle_waiting_profile', { id: outbox, choice, current: theirs.etag });
      state.base = now;
      state.waiting = null;
      state.conflict = null;
      state.draft = valuesOf(now.profile);
      state.status = choice === 'mine' ? t('details-mine-saved') : t('details-theirs-withdrawn');
      context.followProfile(now.profile);
      context.outboxChanged();
    } catch (error) {
      const placed = placeError(error, PROFILE_FIELD_NAMES);
      state.banner = placed.banner ? { text: placed.banner, retry: placed.retryable } : null;
    } finally {
      state.saving = false;
      context.redraw();
    }
    document.getElementById('save-status')?.focus?.();
  }

  function discard() {
    state.draft = valuesOf(state.base.profile);
    state.fieldErrors = {};
    state.status = '';
    context.redraw();
  }

  async function save() {
    const base = valuesOf(state.base.profile);
    const local = checkDraft(state.draft);
    const update = changedFields(base, state.draft);
    if (Object.keys(local).length > 0) {
      state.fieldErrors = local;
      context.redraw();
      focusFirstInvalidField();
      return;
    }
    if (Object.keys(update).length === 0) return;
    state.saving = true;
    state.banner = null;
    state.fieldErrors = {};
    context.redraw();
    let sessionEnded = false;
    try {
      const saved = await call('save_profile', { update, if_match: state.base.etag });
      // Kept in the outbox, the answer is the copy as last synced; nothing
      // is being refreshed, and the status says what happened.
      state.base = saved.queued ? { ...saved, cached_at: null } : saved;
      if (saved.queued) {
        // Kept in the outbox: the form keeps showing the change, marked.
        state.waiting = { id: null, update, state: 'waiting' };
        state.status = saved.queued;
        context.outboxChanged();
        loadWaiting();
      } else {
        state.waiting = null;
        state.draft = valuesOf(saved.profile);
        state.status = t('details-saved');
        context.followProfile(saved.profile);
      }
    } catch (error) {
      const placed = placeError(error, PROFILE_FIELD_NAMES);
      if (placed.code === 'conflict') {
        try {
          state.conflict = { theirs: await call('refresh_profile') };
        } catch (refreshError) {
          state.banner = { text: placeError(refreshError, []).banner, retry: true };
        }
      } else if (placed.needsSignIn) {
        sessionEnded = true;
      } else {
        state.fieldErrors = placed.fields;
        state.banner = placed.banner ? { text: placed.banner, retry: placed.retryable } : null;
      }
    } finally {
      state.saving = false;
      context.redraw();
    }
    if (!focusFirstInvalidField() && sessionEnded) context.onSessionEnded();
  }

  /** Focuses the first field with an error; answers whether there was one. */
  function focusFirstInvalidField() {
    const name = PROFILE_FIELD_NAMES.find((field) => state.fieldErrors[field]);
    if (name) document.getElementById(`field-${name}`)?.focus();
    return Boolean(name);
  }

  return {
    begin,
    render,
    adoptFresh,
    signedInAgain,
    /** The outbox changed (sent, withdrawn): what waits is read again,
     * and the profile too when something was sent. */
    outboxChanged: () => { if (state.base) refreshInBackground(); },
    /** The profile as the portal last answered it. */
    currentProfile: () => state.base?.profile ?? null,
    /** Whether the form shows the profile as kept here: nothing typed
     * over it, nothing being saved, no change to choose between. */
    showsKeptProfile: () => state.base !== null && !state.saving && state.conflict === null
      && !isDirty(withWaiting(valuesOf(state.base.profile)), state.draft),
  };
}
