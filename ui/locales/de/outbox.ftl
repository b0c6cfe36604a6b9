# Portal Desk's page, in German: the Outbox (changes made offline).

## The Outbox panel

outbox-settle-profile = Wählen Sie zwischen Ihrer und der Portal-Fassung unter Mein Profil → Meine Angaben.
outbox-settle-settings = Wählen Sie Einstellung für Einstellung unter Mein Profil → Einstellungen.
outbox-settle-contacts = Unter Kontakte sehen Sie, was sich geändert hat, und senden Ihre Änderungen auf der aktuellen Liste erneut.
outbox-conflict-settle = Inzwischen im Portal geändert. { $where }
outbox-conflict = Inzwischen im Portal geändert: { $message }
outbox-refused = Das Portal hat es abgelehnt: { $message }
outbox-refused-fields = Das Portal hat es abgelehnt: { $message } ({ $fields })
outbox-waiting = Wartet auf das Senden
outbox-sent = { $count ->
    [one] 1 Änderung wurde gesendet.
   *[other] { $count } Änderungen wurden gesendet.
}
outbox-not-sent-yet = Noch nicht gesendet: { $reason }
outbox-need-you = { $count ->
    [one] 1 Änderung braucht Sie; siehe unten.
   *[other] { $count } Änderungen brauchen Sie; siehe unten.
}
outbox-nothing-waited = Es wartete nichts auf das Senden.
