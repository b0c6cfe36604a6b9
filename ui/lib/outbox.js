// Pure rules of the Outbox panel: what an item's state says, and the
// count the top bar shows.

/** Where a change the portal's newer version conflicts with is settled,
 * by kind. */
const SETTLED_IN = {
  profile: 'Choose between yours and theirs in My Profile → My Details.',
  settings: 'Choose, setting by setting, in My Profile → Settings.',
  contact_changes: 'See what changed, and send them on the list as it is now, in Contacts.',
};

/** The line under an item: waiting, or why it waits for the user (and,
 * for a conflict, where to settle it). */
export function stateLine(item) {
  if (item.state === 'conflict') {
    const where = SETTLED_IN[item.kind];
    if (where) return `Changed on the portal meanwhile. ${where}`;
    return `Changed on the portal meanwhile: ${item.message}`;
  }
  if (item.state === 'refused') {
    const fields = Object.values(item.fields ?? {});
    return `The portal refused it: ${item.message}${fields.length > 0 ? ` (${fields.join(' ')})` : ''}`;
  }
  return 'Waiting to send';
}

/** The changes that wait for the portal (not for the user). */
export function waitingCount(items) {
  return items.filter((item) => item.state === 'waiting').length;
}

/** What "Send now" came to, in a sentence. */
export function sendSummary(result) {
  const sent = result.sent.length;
  const left = result.outbox.items.length;
  const parts = [];
  if (sent > 0) parts.push(`${sent} ${sent === 1 ? 'change was' : 'changes were'} sent.`);
  if (result.stopped) parts.push(`Not sent yet: ${result.stopped}`);
  else if (left > 0) parts.push(`${left} ${left === 1 ? 'change needs' : 'changes need'} you; see below.`);
  if (parts.length === 0) parts.push('Nothing waited to be sent.');
  for (const item of result.sent) parts.push(...item.notes);
  return parts.join(' ');
}
