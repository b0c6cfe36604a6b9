// Pure rules of the Partner Kit screen: the kit's flat list of files as a
// tree of folders, and what a sync did in words.

import { t } from './i18n.js';

/** The files as a tree: `{ name, path, folders: [...], files: [...] }`,
 * folders before files, each by name (case aside). `path` is the list of
 * folder names from the top. */
export function kitTree(files) {
  const root = { name: '', path: [], folders: [], files: [] };
  for (const file of files) {
    let node = root;
    for (const part of file.path.slice(0, -1)) {
      let next = node.folders.find((folder) => folder.name === part);
      if (!next) {
        next = { name: part, path: [...node.path, part], folders: [], files: [] };
        node.folders.push(next);
      }
      node = next;
    }
    node.files.push(file);
  }
  const byName = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' });
  const sort = (node) => {
    node.folders.sort((a, b) => byName(a.name, b.name));
    node.files.sort((a, b) => byName(a.path.at(-1), b.path.at(-1)));
    node.folders.forEach(sort);
  };
  sort(root);
  return root;
}

/** Every file in `folder` and below it. */
export function filesUnder(folder) {
  return [...folder.files, ...folder.folders.flatMap(filesUnder)];
}

/** One line for what a sync did: "2 added, 1 updated; 1 kept beside
 * yours." or "Up to date (8 files)." */
export function syncSummary(report) {
  const parts = [];
  if (report.added.length) parts.push(t('kit-sync-added', { count: report.added.length }));
  if (report.updated.length) parts.push(t('kit-sync-updated', { count: report.updated.length }));
  if (report.restored.length) parts.push(t('kit-sync-restored', { count: report.restored.length }));
  if (report.kept_beside.length) parts.push(t('kit-sync-kept-beside', { count: report.kept_beside.length }));
  if (report.removed.length) parts.push(t('kit-sync-removed', { count: report.removed.length }));
  if (report.failed.length) parts.push(t('kit-sync-failed', { count: report.failed.length }));
  if (parts.length === 0) return t('kit-sync-up-to-date', { count: report.unchanged });
  return t('kit-sync-summary', { parts: parts.join(t('kit-sync-separator')) });
}

/** The lines under the summary, one per file that needs the user's eye:
 * kept beside, no longer in the kit, not synced. */
export function syncDetails(report) {
  return [
    ...report.kept_beside.map((kept) => t('kit-sync-detail-kept-beside', { yours: kept.yours, kits: kept.kits })),
    ...report.removed.map((path) => t('kit-sync-detail-removed', { path })),
    ...report.failed.map((reason) => t('kit-sync-detail-failed', { reason })),
  ];
}
