// The Knowledge Base: the vendor's articles, kept on this computer and
// searched there (offline too), by words, category and tag; an article is
// sanitised HTML from the app's core, its links open in the system
// browser on a click.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { createEpoch, isDropped } from './lib/epoch.js';
import { linkOpened, voteThanks } from './lib/kb.js';
import { t } from './lib/i18n.js';
import { calendarDate } from './lib/format.js';

/** The Knowledge Base screen. `context` = {redraw, fetch, onSessionEnded, outboxChanged}. */
export function createKnowledgeBase(context) {
  const state = {
    base: null, loading: false, banner: null, hits: null, text: '', category: '', tag: '', article: null, notice: '', voteStatus: '',
  };
  /** Moves with every search: an answer for older words is dropped. */
  const searches = createEpoch();
  /** Typing searches once it pauses, not at every key. */
  let typing = null;
  const searchSoon = () => {
    clearTimeout(typing);
    typing = setTimeout(search, 150);
  };

  function fail(error) {
    if (isDropped(error)) return;
    const placed = placeError(error, []);
    if (placed.needsSignIn) context.onSessionEnded();
    state.banner = placed.banner;
  }

  async function load() {
    state.loading = true;
    context.redraw();
    try {
      state.base = await context.fetch('load_knowledge_base');
      state.banner = null;
      await search();
    } catch (error) {
      fail(error);
    } finally {
      state.loading = false;
      context.redraw();
    }
  }

  async function search() {
    searches.advance();
    try {
      state.hits = await searches.guard(context.fetch('search_knowledge_base', {
        text: state.text, category: state.category ? Number(state.category) : null, tag: state.tag || null,
      }));
    } catch (error) {
      fail(error);
    }
    context.redraw();
  }

  async function open(id) {
    try {
      state.article = await context.fetch('open_kb_article', { id });
      state.notice = '';
      state.voteStatus = '';
    } catch (error) {
      fail(error);
    }
    context.redraw();
    document.getElementById('kb-article-title')?.focus();
  }

  /** The outbox moved: the shown article's waiting answer may be gone. */
  async function refreshVote() {
    const shown = state.article;
    if (!shown?.vote_waiting) return;
    try {
      const fresh = await context.fetch('open_kb_article', { id: shown.id });
      if (state.article !== shown) return;
      Object.assign(shown, { vote: fresh.vote, vote_waiting: fresh.vote_waiting });
      if (!fresh.vote_waiting) state.voteStatus = '';
    } catch (error) {
      if (!isDropped(error)) fail(error);
    }
    context.redraw();
  }

  /** "Was this helpful?": sent, or kept in the outbox when offline. */
  async function vote(helpful) {
    const article = state.article;
    try {
      const answer = await call('vote_kb_article', { id: article.id, helpful });
      article.vote = helpful;
      article.vote_waiting = Boolean(answer.queued);
      state.voteStatus = answer.queued ?? voteThanks(answer);
      if (answer.queued) context.outboxChanged();
    } catch (error) {
      if (isDropped(error)) return;
      state.voteStatus = placeError(error, []).banner ?? '';
    }
    context.redraw();
  }

  function filterByTag(tag) {
    state.tag = tag;
    search();
  }

  /** A click on a link in an article: the system browser opens a web
   * address, the e-mail program a mailto one. */
  async function followLink(event) {
    const link = event.target.closest?.('a[href]');
    if (!link) return;
    event.preventDefault();
    try {
      await call('open_kb_link', { url: link.getAttribute('href') });
      state.notice = linkOpened(link.getAttribute('href'));
    } catch (error) {
      state.notice = placeError(error, []).banner ?? '';
    }
    context.redraw();
  }

  function articleView(article) {
    const body = h('div', { className: 'kb-body', id: 'kb-article-body', onClick: followLink });
    // Sanitised in the core (no script, handler, style or remote image),
    // and the page's CSP would run none anyway.
    body.innerHTML = article.html;
    return h('article', { className: 'kb-article', id: 'kb-article', 'data-id': article.id },
      h('h2', { id: 'kb-article-title', tabindex: '-1' }, article.title),
      h('p', { className: 'muted small-text', id: 'kb-article-place' }, t('kb-article-place', { place: article.place, date: calendarDate(article.updated_at) })),
      h('p', { className: 'kb-tags' }, article.tags.map((tag) => h('button', {
        type: 'button', className: 'tag', 'data-tag': tag, onClick: () => filterByTag(tag),
      }, tag))),
      state.notice ? h('p', { className: 'status', id: 'kb-notice', role: 'status' }, state.notice) : null,
      body,
      h('footer', { className: 'kb-vote', id: 'kb-vote' },
        h('span', { id: 'kb-vote-question' }, t('kb-vote-question')),
        h('button', {
          type: 'button', id: 'kb-vote-yes', 'aria-pressed': String(article.vote === true), 'aria-describedby': 'kb-vote-question', onClick: () => vote(true),
        }, t('kb-vote-yes')),
        h('button', {
          type: 'button', id: 'kb-vote-no', 'aria-pressed': String(article.vote === false), 'aria-describedby': 'kb-vote-question', onClick: () => vote(false),
        }, t('kb-vote-no')),
        h('span', { className: 'muted small-text', id: 'kb-vote-status', role: 'status' },
          state.voteStatus || (article.vote_waiting ? t('kb-vote-waiting') : ''))));
  }

  function render() {
    if (state.base === null && !state.loading && !state.banner) load();
    const categories = state.base?.categories ?? [];
    return h('section', { className: 'card details kb', id: 'knowledge-base' },
      h('p', { className: 'hint' }, t('kb-intro')),
      state.base?.offline ? h('p', { className: 'banner info', id: 'kb-offline', role: 'status' }, state.base.offline) : null,
      state.banner ? h('p', { className: 'banner error', role: 'alert', id: 'kb-banner' }, state.banner) : null,
      h('div', { className: 'filters', role: 'search' },
        h('label', { className: 'filter grow' }, t('search'),
          h('input', {
            id: 'kb-search', type: 'search', value: state.text, placeholder: t('kb-search-hint'), maxlength: 200,
            onInput: (event) => { state.text = event.target.value; searchSoon(); },
          })),
        h('label', { className: 'filter' }, t('kb-category'),
          h('select', { id: 'kb-category', onChange: (event) => { state.category = event.target.value; search(); } },
            h('option', { value: '', selected: state.category === '' }, t('kb-all-categories')),
            categories.map((category) => h('option', { value: String(category.id), selected: state.category === String(category.id) }, category.name)))),
        state.tag ? h('button', { type: 'button', className: 'tag active', id: 'kb-tag', title: t('kb-tag-clear'), onClick: () => filterByTag('') }, `${state.tag} ×`) : null),
      h('div', { className: 'kb-layout' },
        state.hits === null
          ? h('p', { className: 'loading' }, t('kb-loading'))
          : state.hits.length === 0
            ? h('p', { id: 'kb-empty' }, t('kb-empty'))
            : h('ul', { className: 'kb-hits', id: 'kb-hits', 'aria-label': t('kb-articles') }, state.hits.map((hit) => h('li', {},
              h('button', {
                type: 'button', className: 'kb-hit', 'data-id': hit.id,
                'aria-current': state.article?.id === hit.id ? 'true' : null, onClick: () => open(hit.id),
              }, h('strong', { className: 'block' }, hit.title), h('span', { className: 'muted small-text block' }, hit.snippet))))),
        state.article ? articleView(state.article) : null));
  }

  return {
    render,
    open,
    /** The outbox moved: a waiting answer may have been sent or withdrawn. */
    outboxChanged: refreshVote,
    reset: () => Object.assign(state, { base: null, hits: null, text: '', category: '', tag: '', article: null, banner: null, notice: '' }),
  };
}

