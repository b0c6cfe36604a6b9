// Words for the page's status regions, which a screen reader reads out
// when their text changes.

/** What a status region that says `shown` now says for `news`: `shown`
 * when there is no news; `news`, changed by a trailing no-break space
 * when it reads the same as `shown`. A region whose text does not change
 * is not read out again, so the same news twice (a second failure with
 * the same title and reason) would go unheard. */
export function nextNews(shown, news) {
  if (!news) return shown;
  return shown === news ? `${news}\u00a0` : news;
}
