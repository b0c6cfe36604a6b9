// The page-size shortcuts: one step up or down the sizes offered, or back
// to the first (100%).

/** The size after a shortcut: `direction` is 'larger', 'smaller' or
 * 'reset'; a size at either end stays. A size not offered steps from the
 * nearest offered one. */
export function steppedTextSize(choices, percent, direction) {
  if (choices.length === 0) return percent;
  if (direction === 'reset') return choices[0];
  const below = choices.filter((choice) => choice < percent);
  const above = choices.filter((choice) => choice > percent);
  if (direction === 'larger') return above[0] ?? choices.at(-1);
  if (direction === 'smaller') return below.at(-1) ?? choices[0];
  return percent;
}

/** The shortcut a key press asks for ('larger', 'smaller', 'reset') or
 * null. `mac` says whether Command (not Ctrl) is the shortcut key. */
export function textSizeShortcut(event, mac) {
  const modifier = mac ? event.metaKey : event.ctrlKey;
  if (!modifier || event.altKey) return null;
  if (event.key === '+' || event.key === '=') return 'larger';
  if (event.key === '-' || event.key === '_') return 'smaller';
  if (event.key === '0') return 'reset';
  return null;
}
