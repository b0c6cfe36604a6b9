// The Tickets screen (the support centre): the list with a status filter,
// search and unread markers; a ticket's conversation with each attachment
// (View inside the app, Download in the user's file-name format, Download
// all… into a chosen folder); reply; new ticket; cancel a request. Comment
// text is untrusted and always goes in as text (see lib/dom.js).

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { ago } from './lib/format.js';
import { humanSize } from './lib/downloads.js';
import {
  STATUS_FILTERS, commentTime, contactOrganizations, countLabel, kindLabel, statusLabel, ticketNeedle, ticketSearchText,
  ticketStatusFilter, unreadCount,
} from './lib/tickets.js';
import { createListIndex } from './lib/list-index.js';
import { createVirtualRows } from './virtual-rows.js';
import { createComposer } from './ticket-compose.js';
import { createEpoch, isDropped } from './lib/epoch.js';
import { t } from './lib/i18n.js';

const POLL_CHOICES = [1, 2, 5, 15];

/** The Tickets controller. `context` = {redraw, fetch (the screen's reads),
 * onSessionEnded, downloads, openViewer, openFromNotification(accountId,
 * number), otherAccounts({unread, ended}), outboxChanged(), outboxSent(), kitSynced(report),
 * kitSyncFailed(message, code), openKbArticle(id), isShown,
 * isDemo}. */
/** The name the portal gives its support team's comments (then the chip
 * saying so is left out). */
const PORTAL_TEAM_NAME = 'Support team'; // not UI text: the portal's own words

export function createTickets(context) {
  const state = {
    view: null, loading: false, banner: '', filter: { status: 'active', text: '' },
    selected: null, detail: null, detailLoading: false, detailBanner: '', notice: '',
    composing: false, confirmingCancel: false, cancelling: false, watchNote: '',
  };
  let organizations = [];
  /** Moves whenever another ticket is opened: the answer for the one
   * opened before is dropped. */
  const selection = createEpoch();
  const fail = (error, where = 'banner') => {
    const placed = placeError(error, []);
    if (placed.dropped) return;
    if (placed.needsSignIn) context.onSessionEnded();
    state[where] = placed.banner ?? '';
  };
  const reply = createComposer({
    idPrefix: 'reply', draftKey: () => `reply:${state.selected}`, newTicket: false,
    send: (fields, channel) => call('reply_to_ticket', {
      number: state.selected, message: fields.message, attachments: fields.attachments, on_progress: channel,
    }),
    onSent: (view) => {
      state.detail = view;
      state.notice = view.queued ?? t('tickets-reply-sent');
      if (view.queued) context.outboxChanged();
      load();
    },
    rerender: context.redraw, onSessionEnded: context.onSessionEnded,
  });
  const newTicket = createComposer({
    idPrefix: 'new-ticket', draftKey: () => 'new-ticket', newTicket: true, organizations: () => organizations,
    send: (fields, channel) => call('create_ticket', { ...fields, on_progress: channel }),
    suggest: (subject) => call('suggest_kb_articles', { subject }),
    openArticle: (id) => context.openKbArticle(id),
    onSent: (created) => {
      state.composing = false;
      if (created.outcome === 'queued') {
        state.notice = created.notice;
        context.outboxChanged();
        // The form gives way to the notice now, not at whatever redraws
        // the screen next.
        context.redraw();
        return;
      }
      const { view } = created;
      state.selected = view.ticket.number;
      state.detail = view;
      state.notice = t('tickets-raised', { ticket: String(view.ticket.number) });
      load();
    },
    rerender: context.redraw, onSessionEnded: context.onSessionEnded,
  });

  async function loadOrganizations() {
    try {
      organizations = contactOrganizations((await call('load_roles')).roles);
    } catch {
      organizations = [];
    }
  }

  /** Shows the list kept on this computer at once (when nothing is shown
   * yet), then asks the portal, naming the version shown: an unchanged list
   * comes back as `unchanged` and is neither sent again nor redrawn. */
  async function load() {
    if (organizations.length === 0) loadOrganizations();
    state.loading = true;
    context.redraw();
    try {
      if (!state.view) {
        const kept = await context.fetch('load_kept_tickets');
        if (kept && !state.view) {
          state.view = { ...kept, checking: true };
          context.redraw();
        }
      }
      const fresh = await context.fetch('load_tickets', { shown_version: state.view?.version ?? null });
      state.view = fresh.unchanged
        ? { ...state.view, cached_at: null, checking: false, poll_minutes: fresh.poll_minutes }
        : fresh;
      state.banner = '';
    } catch (error) {
      if (state.view?.checking && !isDropped(error)) state.view = { ...state.view, checking: false };
      fail(error);
    } finally {
      state.loading = false;
      context.redraw();
    }
  }

  /** Opens ticket `number` (from the list, a notification or a link). */
  async function open(number) {
    state.selected = number;
    state.composing = false;
    state.confirmingCancel = false;
    state.detailBanner = '';
    state.notice = '';
    state.detailLoading = true;
    if (!state.detail || state.detail.ticket.number !== number) state.detail = null;
    selection.advance();
    context.redraw();
    try {
      state.detail = await selection.guard(context.fetch('open_ticket', { number }));
      if (state.view) state.view.unread = state.view.unread.filter((n) => n !== number);
      await reply.restore(state.detail.draft ?? null);
    } catch (error) {
      // Another ticket is opening: its answer draws the detail.
      if (isDropped(error) && state.selected !== number) return;
      fail(error, 'detailBanner');
    }
    state.detailLoading = false;
    context.redraw();
    document.getElementById('ticket-title')?.focus();
  }

  /** Arriving on the screen: the list afresh, and the open ticket when its
   * answer was dropped because the user had left. */
  function enter() {
    load();
    if (state.selected !== null && state.detail === null && !state.composing) open(state.selected);
  }

  async function cancelRequest() {
    state.cancelling = true;
    context.redraw();
    try {
      state.detail = await call('cancel_ticket', { number: state.selected });
      state.notice = state.detail.queued ?? t('tickets-cancelled', { ticket: String(state.selected) });
      if (state.detail.queued) context.outboxChanged();
      load();
    } catch (error) {
      fail(error, 'detailBanner');
    } finally {
      state.cancelling = false;
      state.confirmingCancel = false;
      context.redraw();
    }
  }

  async function view(attachment) {
    state.notice = t('opening', { name: attachment.name });
    context.redraw();
    try {
      const channel = new window.__TAURI__.core.Channel();
      const file = await call('view_attachment', {
        number: state.selected, attachment_id: attachment.id, download_id: `view-attachment-${attachment.id}-${Date.now()}`, on_event: channel,
      });
      state.notice = '';
      context.openViewer(file);
    } catch (error) {
      fail(error, 'notice');
      context.redraw();
    }
  }

  async function downloadAll() {
    let folder;
    try {
      folder = await call('choose_download_folder');
    } catch (error) {
      fail(error, 'notice');
      context.redraw();
      return;
    }
    if (!folder) return;
    const number = state.selected;
    const attachments = state.detail.ticket.comments.flatMap((comment) => comment.attachments);
    await Promise.all(attachments.map((attachment) => context.downloads.downloadAttachment(
      number, attachment, state.detail.saved_names[attachment.id] ?? attachment.name, true, folder)));
  }

  async function replyAsVendor() {
    try {
      await call('reply_as_vendor_in_demo', { number: state.selected });
      state.notice = t('tickets-demo-replied');
    } catch (error) {
      fail(error, 'notice');
    }
    context.redraw();
  }

  /** Starts watching for updates: a changed list, the other accounts'
   * news, and clicks on notifications (which open the ticket, in its own
   * account). */
  function watch() {
    const channel = new window.__TAURI__.core.Channel();
    channel.onmessage = (event) => {
      if (event.event === 'updated') {
        state.view = event.view;
        state.watchNote = '';
        // Reading the open ticket again marks it read: only while it is on screen.
        if (context.isShown() && state.selected !== null && !state.composing && !reply.busy()) refreshDetailQuietly();
      } else if (event.event === 'open') {
        context.openFromNotification(event.account_id, event.number);
        return;
      } else if (event.event === 'other_accounts') {
        context.otherAccounts(event);
        return;
      } else if (event.event === 'kit_synced') {
        context.kitSynced(event.report);
        return;
      } else if (event.event === 'kit_sync_failed') {
        context.kitSyncFailed(event.message, event.code);
        return;
      } else if (event.event === 'outbox_sent') {
        context.outboxSent();
        outboxChanged();
        return;
      } else if (event.event === 'offline') {
        state.watchNote = t('tickets-watch-stopped', { reason: event.message });
      } else if (event.event === 'notification_failed') {
        state.watchNote = t('tickets-notification-failed', { reason: event.message });
      }
      context.redraw();
    };
    call('watch_tickets', { on_event: channel }).catch(() => {});
  }

  /** What waited in the outbox was sent or withdrawn: the list and the
   * open ticket are read again. */
  function outboxChanged() {
    load();
    if (state.selected !== null && !state.composing && !reply.busy()) refreshDetailQuietly();
  }

  async function refreshDetailQuietly() {
    const number = state.selected;
    try {
      const fresh = await call('open_ticket', { number });
      if (state.selected === number) { state.detail = fresh; state.view.unread = state.view.unread.filter((n) => n !== number); }
      context.redraw();
    } catch { /* the list still shows the news */ }
  }

  async function setPollMinutes(minutes) {
    try {
      await call('set_ticket_poll_minutes', { minutes });
      if (state.view) state.view.poll_minutes = minutes;
    } catch (error) {
      fail(error);
    }
    context.redraw();
  }

  // ------------------------------------------------------------ views

  // The list's parts, kept between draws: a keystroke or the status filter
  // redraws the rows in view and the count, never the conversation beside.
  const list = {
    of: null, // the tickets the index was prepared from
    index: null,
    unread: new Set(),
    count: h('p', { className: 'muted small-text', id: 'tickets-count' }),
    none: h('p', { className: 'muted', id: 'tickets-none', hidden: true }, t('tickets-none-match')),
    rows: null,
  };
  const ticketsList = h('ul', { className: 'tickets', id: 'tickets' });
  list.rows = createVirtualRows({
    parent: ticketsList, content: ticketsList, renderRow: ticketRow, keyOf: (ticket) => ticket.number, rowHeight: 84,
  });

  /** Applies the filter to the prepared list and shows it. */
  function refreshList({ fromTop = true, rebuild = false } = {}) {
    const all = state.view?.tickets ?? [];
    if (list.of !== all) {
      list.index = createListIndex(all, { searchText: ticketSearchText, sortKeys: { listed: () => 0 } });
      list.of = all;
    }
    list.unread = new Set(state.view?.unread ?? []);
    const shown = list.index.query({ key: 'listed', text: ticketNeedle(state.filter.text), ...ticketStatusFilter(state.filter.status) });
    list.count.textContent = state.view ? countLabel(shown.length, all.length) : (state.loading ? t('tickets-loading') : '');
    list.none.hidden = shown.length > 0 || !state.view;
    list.rows.show(shown, { fromTop, rebuild });
  }

  function ticketRow(ticket) {
    const unread = list.unread.has(ticket.number);
    return h('li', {},
      h('button', {
        type: 'button', className: `ticket-row${unread ? ' unread' : ''}`, 'data-number': ticket.number,
        'aria-current': state.selected === ticket.number ? 'true' : null, onClick: () => open(ticket.number),
      },
      h('span', { className: 'ticket-number' }, t('ticket-number', { ticket: String(ticket.number) })),
      unread ? h('span', { className: 'unread-dot', 'aria-label': t('tickets-new-reply'), title: t('tickets-new-reply') }) : null,
      // Names and subjects people wrote keep their own direction (<bdi>): a
      // right-to-left subject never reorders the text around it.
      h('bdi', { className: 'ticket-subject', title: ticket.subject }, ticket.subject),
      h('span', { className: `chip status-${ticket.status}` }, statusLabel(ticket.status)),
      h('span', { className: 'muted small-text ticket-meta' },
        [kindLabel(ticket.kind), ticket.organization?.name, t('tickets-updated', { ago: ago(Date.parse(ticket.updated_at) / 1000) })].filter(Boolean).join(' · '))));
  }

  /** When the list shown is a kept copy: being checked, or offline. */
  function listAge() {
    if (!state.view?.cached_at) return null;
    if (state.view.checking) {
      return h('p', { className: 'muted small-text', id: 'tickets-checking', role: 'status' },
        t('documents-checking', { ago: ago(state.view.cached_at) }));
    }
    return h('p', { className: 'banner warning', id: 'tickets-offline', role: 'status' },
      t('tickets-offline', { ago: ago(state.view.cached_at) }));
  }

  function listView() {
    // Which ticket is open and which have news show in the rows: build
    // the rows in view afresh with every draw of the screen.
    refreshList({ fromTop: false, rebuild: true });
    requestAnimationFrame(() => list.rows.paint());
    return h('section', { className: 'ticket-list', 'aria-label': t('screen-tickets') },
      h('div', { className: 'filters' },
        h('label', { className: 'inline' }, t('tickets-show'), ' ',
          h('select', { id: 'ticket-status-filter', onChange: (e) => { state.filter.status = e.target.value; refreshList(); } },
            STATUS_FILTERS.map((choice) => h('option', { value: choice.id, selected: state.filter.status === choice.id }, choice.label)))),
        h('input', { id: 'ticket-search', type: 'search', placeholder: t('tickets-search-hint'), value: state.filter.text,
          'aria-label': t('tickets-search'), onInput: (e) => { state.filter.text = e.target.value; refreshList(); } }),
        h('button', { type: 'button', className: 'primary', id: 'new-ticket', onClick: () => { state.composing = true; state.selected = null; state.detail = null; newTicket.restore(); context.redraw(); } }, t('tickets-new'))),
      listAge(),
      state.watchNote ? h('p', { className: 'muted small-text', id: 'tickets-watch-note', role: 'status' }, state.watchNote) : null,
      list.count,
      list.rows.element,
      list.none,
      h('label', { className: 'inline muted small-text' }, t('tickets-poll-before'), ' ',
        h('select', { id: 'ticket-poll-minutes', onChange: (e) => setPollMinutes(Number(e.target.value)) },
          POLL_CHOICES.map((minutes) => h('option', { value: String(minutes), selected: (state.view?.poll_minutes ?? 2) === minutes }, t('tickets-poll-minutes', { minutes }))))));
  }

  function attachmentRow(attachment) {
    const savedAs = state.detail.saved_names[attachment.id] ?? attachment.name;
    return h('li', { className: 'attachment', 'data-attachment': attachment.id, 'data-name': attachment.name },
      h('span', { className: 'attachment-name' }, attachment.name),
      h('span', { className: 'muted small-text' }, t('tickets-attachment-line', { size: humanSize(attachment.size) }), h('span', { className: 'saved-name' }, savedAs)),
      h('button', { type: 'button', className: 'link', 'data-action': 'view', onClick: () => view(attachment) }, t('view')),
      h('button', { type: 'button', className: 'link', 'data-action': 'download',
        onClick: () => context.downloads.downloadAttachment(state.selected, attachment, savedAs, false, t('downloads-folder')) }, t('download')));
  }

  function detailView() {
    if (state.composing) {
      return h('section', { className: 'ticket-detail', 'aria-labelledby': 'ticket-title' },
        h('h2', { id: 'ticket-title', tabindex: '-1' }, t('tickets-new')), newTicket.render());
    }
    if (state.selected === null) {
      // A new ticket kept in the outbox says so here, where it was raised.
      return h('section', { className: 'ticket-detail empty' },
        state.notice ? h('p', { className: 'status', id: 'ticket-notice', role: 'status' }, state.notice) : null,
        h('p', { className: 'muted' }, t('tickets-choose')));
    }
    if (!state.detail) {
      return h('section', { className: 'ticket-detail' },
        state.detailBanner ? h('p', { className: 'banner error', id: 'ticket-error', role: 'alert' }, state.detailBanner) : h('p', { className: 'loading' }, t('tickets-loading-conversation')));
    }
    const ticket = state.detail.ticket;
    const waitingReplies = (state.detail.waiting ?? []).filter((waiting) => waiting.kind !== 'cancel_ticket');
    const cancelWaits = (state.detail.waiting ?? []).some((waiting) => waiting.kind === 'cancel_ticket');
    const attachments = ticket.comments.flatMap((comment) => comment.attachments);
    const closed = ticket.status === 'cancelled';
    return h('section', { className: 'ticket-detail', 'aria-labelledby': 'ticket-title', 'data-number': ticket.number },
      h('h2', { id: 'ticket-title', tabindex: '-1' }, t('ticket-number', { ticket: String(ticket.number) }), ' ', h('bdi', { id: 'ticket-subject' }, ticket.subject)),
      h('p', { className: 'ticket-facts' },
        h('span', { className: `chip status-${ticket.status}`, id: 'ticket-status' }, statusLabel(ticket.status)),
        ` ${kindLabel(ticket.kind)}`, ticket.organization ? ` · ${ticket.organization.name}` : '',
        ' · ', ticket.requested_by_you
          ? t('tickets-raised-by-you', { when: commentTime(ticket.created_at) })
          : t('tickets-raised-by', { who: ticket.requester, when: commentTime(ticket.created_at) })),
      state.detail.cached_at ? h('p', { className: 'banner warning', id: 'ticket-offline', role: 'status' },
        t('tickets-conversation-offline', { ago: ago(state.detail.cached_at) })) : null,
      state.detailBanner ? h('p', { className: 'banner error', id: 'ticket-error', role: 'alert' }, state.detailBanner) : null,
      state.notice ? h('p', { className: 'status', id: 'ticket-notice', role: 'status' }, state.notice) : null,
      h('div', { className: 'actions' },
        attachments.length > 0 ? h('button', { type: 'button', className: 'secondary', id: 'download-all-attachments', onClick: downloadAll }, t('tickets-download-all', { count: attachments.length })) : null,
        ticket.can_cancel && !cancelWaits ? h('button', { type: 'button', className: 'danger', id: 'cancel-request', disabled: state.cancelling, onClick: () => { state.confirmingCancel = true; context.redraw(); document.getElementById('confirm-cancel')?.focus(); } }, t('tickets-cancel-request')) : null,
        context.isDemo() && !closed ? h('button', { type: 'button', className: 'link', id: 'demo-vendor-reply', onClick: replyAsVendor }, t('tickets-demo-reply')) : null),
      cancelWaits ? h('p', { className: 'banner info', id: 'cancel-waiting', role: 'status' },
        t('tickets-cancel-waiting')) : null,
      state.confirmingCancel ? h('div', { className: 'banner warning', id: 'cancel-confirmation', role: 'alertdialog', 'aria-labelledby': 'cancel-question' },
        h('span', { id: 'cancel-question' }, t('tickets-cancel-question', { ticket: String(ticket.number) })),
        h('button', { type: 'button', className: 'danger', id: 'confirm-cancel', disabled: state.cancelling, onClick: cancelRequest }, t('tickets-cancel-confirm')),
        h('button', { type: 'button', className: 'secondary', id: 'keep-request', onClick: () => { state.confirmingCancel = false; context.redraw(); } }, t('tickets-keep-request'))) : null,
      h('ol', { className: 'conversation', id: 'conversation' }, ticket.comments.map((comment) => h('li', {
        className: `comment${comment.author.vendor ? ' vendor' : ''}${comment.author.you ? ' mine' : ''}`, 'data-comment': comment.id,
      },
      h('p', { className: 'comment-head' },
        h('strong', {}, h('bdi', {}, comment.author.name), comment.author.you ? t('tickets-author-you') : ''),
        comment.author.vendor && comment.author.name !== PORTAL_TEAM_NAME ? h('span', { className: 'chip' }, t('tickets-support-team')) : null,
        h('span', { className: 'muted small-text' }, ` ${commentTime(comment.created_at)}`)),
      h('p', { className: 'comment-text' }, comment.text),
      comment.attachments.length > 0 ? h('ul', { className: 'attachments' }, comment.attachments.map(attachmentRow)) : null)),
      waitingReplies.map((waiting) => h('li', { className: 'comment mine waiting', 'data-outbox': waiting.id },
        h('p', { className: 'comment-head' }, h('strong', {}, t('tickets-you')), ' ', h('span', { className: 'chip' }, t('outbox-waiting'))),
        h('p', { className: 'comment-text' }, waiting.text ?? ''),
        waiting.files.length > 0 ? h('p', { className: 'muted small-text' }, t('outbox-with-files', { files: waiting.files.join(', ') })) : null))),
      closed ? h('p', { className: 'muted', id: 'ticket-closed-note' }, t('tickets-closed')) : reply.render());
  }

  return {
    render: (bannerView) => [
      state.banner ? bannerView({ text: state.banner, retry: load }, load) : null,
      h('div', { className: 'tickets-screen' }, listView(), detailView()),
    ],
    load,
    enter,
    open,
    watch,
    outboxChanged,
    unreadCount: () => (state.view ? unreadCount(state.view.tickets, state.view.unread) : 0),
    flush: () => Promise.all([reply.flush(), newTicket.flush()]),
    reset: () => { organizations = []; return Object.assign(state, {
      view: null, selected: null, detail: null, composing: false, banner: '', detailBanner: '', notice: '', watchNote: '',
      filter: { status: 'active', text: '' },
    }); },
  };
}
