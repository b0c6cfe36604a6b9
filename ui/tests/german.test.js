// The page's words and formats in German: plurals, counts, sizes, amounts
// and dates follow the language shown.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ago, calendarDate, dateTime, groupedCount } from '../lib/format.js';
import { checkPasswordChange, pendingText } from '../lib/account-forms.js';
import { describeChange, managerLock, emptyEdits } from '../lib/contacts.js';
import { voteThanks } from '../lib/kb.js';
import { syncSummary } from '../lib/kit.js';
import { sendSummary, stateLine } from '../lib/outbox.js';
import { checkDraft, PROFILE_FIELDS } from '../lib/profile-form.js';
import { digestSummary, grantLabel, settingsDifferences } from '../lib/settings-form.js';
import { checkResult, progressText } from '../lib/updates.js';
import { countLabel as documentCount, formatAmount, statusLabel } from '../lib/documents.js';
import { commentTime, countLabel as ticketCount, filesSummary, STATUS_FILTERS } from '../lib/tickets.js';
import { humanSize, progressLine } from '../lib/downloads.js';
import { missingMessages, t } from '../lib/i18n.js';
import { useLanguage } from './catalogue.js';

test('German plurals, counts and sizes', () => {
  useLanguage('de');
  try {
    const now = 1_700_000_000_000;
    assert.equal(ago(now / 1000 - 60, now), 'vor 1 Minute');
    assert.equal(ago(now / 1000 - 7200, now), 'vor 2 Stunden');
    assert.equal(ago(now / 1000 - 86400 * 3, now), 'vor 3 Tagen');
    assert.equal(groupedCount(100000), '100.000');
    assert.equal(documentCount(3, 22), '3 von 22 Dokumenten');
    assert.equal(documentCount(1, 1), '1 Dokument');
    assert.equal(ticketCount(9800, 100000), '9.800 von 100.000 Tickets');
    assert.equal(humanSize(1.5 * 1024 * 1024), '1,5 MB');
    assert.equal(humanSize(1), '1 Byte');
    assert.equal(filesSummary([{ size: 2048 }, { size: 2048 }]), '2 Dateien, 4,0 KB');
    assert.equal(formatAmount('14820.00', 'EUR'), '14.820,00\u00a0€');
    assert.equal(statusLabel('overdue'), 'Überfällig');
    assert.equal(STATUS_FILTERS.find((choice) => choice.id === 'all').label, 'Alle Tickets');
    assert.equal(progressLine({ state: 'finished', total: 900 }), '900 Bytes · gespeichert');
    assert.equal(commentTime('2026-11-19T08:12:00Z', undefined, 'UTC'), '19. Nov. 2026, 08:12');
    assert.equal(t('screen-payments-manager'), 'Zahlungsverwaltung');
    assert.equal(calendarDate('2026-03-01'), '1. März 2026');
    assert.equal(dateTime(1_795_000_000, undefined, 'UTC'), '18. Nov. 2026, 11:06');
    assert.deepEqual(missingMessages(), [], 'no message asked for was missing');
  } finally {
    useLanguage('en');
  }
});

test('the same in English', () => {
  useLanguage('en');
  assert.equal(groupedCount(100000), '100,000');
  assert.equal(documentCount(3, 22), '3 of 22 documents');
  assert.equal(humanSize(1.5 * 1024 * 1024), '1.5 MB');
  assert.equal(filesSummary([{ size: 2048 }]), '1 file, 2.0 KB');
  assert.equal(STATUS_FILTERS.find((choice) => choice.id === 'all').label, 'All tickets');
});

test('the rules of every screen speak German too', () => {
  useLanguage('de');
  try {
    assert.equal(PROFILE_FIELDS.find((field) => field.name === 'mobile_phone').label, 'Mobiltelefon');
    assert.deepEqual(checkDraft({ first_name: '', last_name: 'W', mobile_phone: '12' }), {
      first_name: 'Geben Sie Ihren Vornamen ein.',
      mobile_phone: 'Geben Sie mindestens 3 Ziffern ein.',
    });
    assert.equal(checkPasswordChange({ current: 'x', next: 'short', again: 'short' }, 'a@b.c').new_password, 'Verwenden Sie mindestens 12 Zeichen.');
    assert.equal(pendingText({ new_email: 'd@n.example', ticket_id: 1234 }), 'Änderung auf d@n.example beantragt – Ticket #1234', 'a ticket number is not grouped');
    assert.equal(digestSummary({ frequency: 'weekly', categories: ['tickets'] }), 'Eine Zusammenfassung Ihrer offenen Aufgaben kommt jeden Montagmorgen.');
    assert.equal(digestSummary({ frequency: 'daily', categories: ['tickets'] }, 'their'), 'Eine Zusammenfassung der offenen Aufgaben dieser Person kommt jeden Tag.');
    assert.equal(grantLabel('partner_kit'), 'Das Partner-Kit nutzen');
    assert.equal(grantLabel('new_grant'), 'new grant', 'a grant a newer portal names is shown as written');
    const settings = (frequency) => ({ attachment_name_format: 'a', email: {}, digest: { frequency, categories: [] } });
    assert.deepEqual(settingsDifferences(settings('daily'), settings('weekly'), String).map((row) => [row.label, row.mine, row.theirs]),
      [['Häufigkeit der Zusammenfassung', 'Täglich', 'Wöchentlich, montags']]);
    assert.equal(describeChange({ action: 'grant_role', contact: 'a@x.io', role: 'Marketing' }, String), 'Marketing an a@x.io vergeben');
    const directory = {
      organization: { name: 'Contoso' },
      roles: [{ name: 'Admin', grants: ['manage_contacts'] }],
      contacts: [{ email: 'dana@x.io', active: true, you: true, roles: ['Admin'], customers: [] }],
    };
    assert.equal(managerLock(directory, emptyEdits(), directory.contacts[0]),
      'Sie sind die letzte aktive Person mit der Rolle Admin bei Contoso; geben Sie diese Rolle zuerst jemand anderem.');
    assert.equal(voteThanks({ helpful_count: 1, not_helpful_count: 0 }), 'Danke für Ihre Rückmeldung. 1 von 1 Person fand das hilfreich.');
    assert.equal(voteThanks({ helpful_count: 2, not_helpful_count: 1 }), 'Danke für Ihre Rückmeldung. 2 von 3 Personen fanden das hilfreich.');
    const report = { added: ['a', 'b'], updated: [], restored: [], kept_beside: [], removed: [], failed: ['x'], unchanged: 0 };
    assert.equal(syncSummary(report), '2 hinzugefügt; 1 Datei nicht synchronisiert.');
    assert.equal(syncSummary({ ...report, added: [], failed: [], unchanged: 1200 }), 'Auf dem neuesten Stand (1.200 Dateien).');
    assert.equal(stateLine({ state: 'waiting' }), 'Wartet auf das Senden');
    assert.equal(sendSummary({ sent: [{ notes: [] }], stopped: null, outbox: { items: [] } }), '1 Änderung wurde gesendet.');
    assert.equal(progressText('downloading', { downloaded: 1, total: 4 }), 'Wird heruntergeladen… 25 % von 4 Bytes');
    assert.equal(checkResult(null), 'Portal Desk ist auf dem neuesten Stand.');
    assert.deepEqual(missingMessages(), [], 'no message asked for was missing');
  } finally {
    useLanguage('en');
  }
});
