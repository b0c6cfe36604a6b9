// The page's words and formats in German: plurals, counts, sizes, amounts
// and dates follow the language shown.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ago, groupedCount } from '../lib/format.js';
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
