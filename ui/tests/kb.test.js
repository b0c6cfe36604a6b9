import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkOpened, voteThanks } from '../lib/kb.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

test('an answer taken by the portal thanks the user with the counts after it', () => {
  assert.equal(voteThanks({ helpful: true, helpful_count: 1, not_helpful_count: 0 }),
    'Thanks for telling us. 1 of 1 person found this helpful.');
  assert.equal(voteThanks({ helpful: false, helpful_count: 12, not_helpful_count: 2 }),
    'Thanks for telling us. 12 of 14 people found this helpful.');
});

test('an opened link is told by its web address, a mailto one by its addressee', () => {
  assert.equal(linkOpened('https://status.example.com/today'), 'Opened https://status.example.com/today in your browser.');
  assert.equal(linkOpened('mailto:help@example.com?subject=Invoice%20INV-7'),
    'Opened a new message to help@example.com in your e-mail program.');
  assert.equal(linkOpened('MAILTO:J%C3%BCrgen@example.de'), 'Opened a new message to Jürgen@example.de in your e-mail program.');
  // A malformed escape is shown as the article wrote it, not thrown.
  assert.equal(linkOpened('mailto:100%@example.com'), 'Opened a new message to 100%@example.com in your e-mail program.');
  useLanguage('de');
  try {
    assert.equal(linkOpened('mailto:help@example.com'), 'Eine neue Nachricht an help@example.com wurde in Ihrem E-Mail-Programm geöffnet.');
  } finally {
    useLanguage('en');
  }
});
