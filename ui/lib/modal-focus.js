// Keyboard focus and modal dialogs: Tab and Shift+Tab go round inside the
// dialog on top, and focus goes back to the control that opened it when
// the dialog closes and left focus nowhere. The choices are pure here;
// ../modal-focus.js applies them to the page.

/** Where Tab (or Shift+Tab, `backwards`) should move focus inside a
 * dialog whose focusable controls are `controls`, in order, when `active`
 * has focus: the control to focus, or null to let the browser move focus
 * itself (the next control is inside the dialog anyway). */
export function tabTarget(controls, active, backwards) {
  if (controls.length === 0) return null;
  const at = controls.indexOf(active);
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (at === -1) return backwards ? last : first;
  if (backwards && at === 0) return last;
  if (!backwards && at === controls.length - 1) return first;
  return null;
}

/** The dialogs that closed between two looks at the page: those in
 * `before` whose id no dialog in `after` carries (a dialog redrawn as a
 * new element with the same id is the same dialog). */
export function closedDialogs(before, after) {
  const open = new Set(after.map((dialog) => dialog.id).filter(Boolean));
  return before.filter((dialog) => !after.includes(dialog) && !(dialog.id && open.has(dialog.id)));
}
