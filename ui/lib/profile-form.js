// My Details form logic: which fields changed, and how to resolve a conflict
// with a version saved elsewhere. Pure functions, tested with node --test.

import { t } from './i18n.js';

/** The editable profile fields, in form order, with their labels. */
export const PROFILE_FIELDS = [
  { name: 'first_name', section: 'name', required: true, autocomplete: 'given-name', maxLength: 100 },
  { name: 'last_name', section: 'name', required: true, autocomplete: 'family-name', maxLength: 100 },
  { name: 'office_phone', section: 'contact', type: 'tel', autocomplete: 'work tel', maxLength: 40, phone: true },
  { name: 'mobile_phone', section: 'contact', type: 'tel', autocomplete: 'mobile tel', maxLength: 40, phone: true },
  { name: 'company', section: 'contact', autocomplete: 'organization', maxLength: 200 },
  { name: 'job_title', section: 'contact', autocomplete: 'organization-title', maxLength: 100 },
].map((field) => ({ ...field, get label() { return t(`profile-field-${field.name}`); } }));

/** The form values of a profile: every field as a string ('' for none). */
export function valuesOf(profile) {
  const values = {};
  for (const { name } of PROFILE_FIELDS) values[name] = profile?.[name] ?? '';
  return values;
}

/** The fields whose draft differs from the original (ignoring surrounding
 * spaces), as the body of a profile update. */
export function changedFields(original, draft) {
  const update = {};
  for (const { name } of PROFILE_FIELDS) {
    const before = (original[name] ?? '').trim();
    const after = (draft[name] ?? '').trim();
    if (before !== after) update[name] = after;
  }
  return update;
}

/** True when the draft has changes to save. */
export function isDirty(original, draft) {
  return Object.keys(changedFields(original, draft)).length > 0;
}

/** Characters a phone number may hold besides digits (the portal's rule). */
const PHONE_PUNCTUATION = ' +-()./';
/** Fewest digits of a phone number. */
const PHONE_MIN_DIGITS = 3;
/** Unicode's control characters, which no one-line field may hold. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** Messages for problems the form can see before asking the portal: the
 * portal's own rules, so that the app never sends what the API document
 * refuses. */
export function checkDraft(draft) {
  const errors = {};
  for (const { name, required, maxLength, phone } of PROFILE_FIELDS) {
    const value = (draft[name] ?? '').trim();
    const characters = [...value];
    if (required && value === '') errors[name] = t(`profile-enter-${name}`);
    else if (characters.length > maxLength) errors[name] = t('field-too-long', { max: maxLength });
    else if (CONTROL.test(value)) errors[name] = t('field-control-characters');
    else if (phone && value !== '') {
      if (characters.some((c) => !/[0-9]/.test(c) && !PHONE_PUNCTUATION.includes(c))) {
        errors[name] = t('phone-characters');
      } else if (characters.filter((c) => /[0-9]/.test(c)).length < PHONE_MIN_DIGITS) {
        errors[name] = t('phone-too-few-digits', { min: PHONE_MIN_DIGITS });
      }
    }
  }
  return errors;
}

/** The rows of a conflict: every field that the user changed or that was
 * changed elsewhere, with both versions. `base` is what the user started
 * from, `mine` the draft, `theirs` the portal's current version (all form
 * values). */
export function conflictRows(base, mine, theirs) {
  return PROFILE_FIELDS.filter(({ name }) => {
    const b = (base[name] ?? '').trim();
    return (mine[name] ?? '').trim() !== b || (theirs[name] ?? '').trim() !== b;
  }).map(({ name, label }) => ({
    name,
    label,
    mine: (mine[name] ?? '').trim(),
    theirs: (theirs[name] ?? '').trim(),
    differs: (mine[name] ?? '').trim() !== (theirs[name] ?? '').trim(),
  }));
}

/** Resolves a conflict. 'mine' keeps the user's edits on top of the portal's
 * version (other fields follow the portal); 'theirs' drops the edits. The
 * answer is the new draft; the portal's version becomes the new base. */
export function resolveConflict(base, mine, theirs, choice) {
  if (choice === 'theirs') return { ...theirs };
  const edited = changedFields(base, mine);
  return { ...theirs, ...edited };
}
