// Pure rules of the Knowledge Base screen.

/** What a "Was this helpful?" answer the portal took says, with the
 * article's counts after it. */
export function voteThanks({ helpful_count: yes, not_helpful_count: no }) {
  const total = yes + no;
  return `Thanks for telling us. ${yes} of ${total} ${total === 1 ? 'person' : 'people'} found this helpful.`;
}
