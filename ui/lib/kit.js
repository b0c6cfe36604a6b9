// Pure rules of the Partner Kit screen: the kit's flat list of files as a
// tree of folders, and what a sync did in words.

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

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** One line for what a sync did: "2 added, 1 updated; 1 kept beside
 * yours." or "Up to date (8 files)." */
export function syncSummary(report) {
  const parts = [];
  if (report.added.length) parts.push(`${report.added.length} added`);
  if (report.updated.length) parts.push(`${report.updated.length} updated`);
  if (report.restored.length) parts.push(`${report.restored.length} restored`);
  if (report.kept_beside.length) parts.push(`${count(report.kept_beside.length, 'file', 'files')} you changed kept, the kit’s version saved beside`);
  if (report.removed.length) parts.push(`${count(report.removed.length, 'file', 'files')} no longer in the kit (kept in your folder)`);
  if (report.failed.length) parts.push(`${count(report.failed.length, 'file', 'files')} not synced`);
  if (parts.length === 0) return `Up to date (${count(report.unchanged, 'file', 'files')}).`;
  return `${parts.join('; ')}.`;
}

/** The lines under the summary, one per file that needs the user's eye:
 * kept beside, no longer in the kit, not synced. */
export function syncDetails(report) {
  return [
    ...report.kept_beside.map((kept) => `You changed ${kept.yours}: the kit’s new version is ${kept.kits}.`),
    ...report.removed.map((path) => `No longer in the kit, still in your folder: ${path}.`),
    ...report.failed.map((reason) => `Not synced: ${reason}`),
  ];
}
