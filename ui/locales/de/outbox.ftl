# Portal Desk's page, in German: the Outbox (changes made offline).

## The Outbox panel

outbox-settle-profile = Wählen Sie zwischen Ihrer und der Portal-Fassung unter Mein Profil → Meine Daten.
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

## The panel and signing out with changes waiting

outbox-title = Postausgang
outbox-withdrawn = Zurückgezogen: { $title }.
outbox-edit-saved = Gespeichert: Die Änderung wartet auf das Senden.
outbox-subject = Betreff
outbox-message = Nachricht
outbox-with-files = Mit { $files }
outbox-reopen = Senden und #{ $ticket } wieder öffnen
outbox-as-new-ticket = Als neues Ticket einreichen
outbox-edit = Bearbeiten
outbox-signout-discard-ask = { $count ->
    [one] 1 Änderung endgültig verwerfen? Sie wird nie gesendet.
   *[other] { $count } Änderungen endgültig verwerfen? Sie werden nie gesendet.
}
outbox-signout-discard = Verwerfen und abmelden
outbox-signout-ask = { $count ->
    [one] 1 Änderung wartet auf das Senden. Beim Abmelden bleibt sie auf diesem Computer, bis Sie sich hier wieder anmelden, außer Sie verwerfen sie.
   *[other] { $count } Änderungen warten auf das Senden. Beim Abmelden bleiben sie auf diesem Computer, bis Sie sich hier wieder anmelden, außer Sie verwerfen sie.
}
outbox-signout-keep = Behalten und abmelden
outbox-signout-discard-first = Verwerfen…
outbox-signout-stay = Angemeldet bleiben
outbox-intro = Änderungen, die gemacht wurden, während { $portal } nicht erreichbar war. Sie werden in dieser Reihenfolge gesendet, sobald es wieder antwortet, jede einmal.
outbox-reading = Postausgang wird gelesen…
outbox-send-now = Jetzt senden

## The panel, empty

outbox-empty = Nichts wartet auf das Senden.
