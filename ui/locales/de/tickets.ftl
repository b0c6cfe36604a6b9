# Portal Desk's page, in German: tickets.

## Tickets

ticket-filter-active = Offen oder wartet auf Sie
ticket-filter-awaiting_customer = Wartet auf Ihre Antwort
ticket-filter-open = Offen
ticket-filter-resolved = Gelöst
ticket-filter-cancelled = Storniert
ticket-filter-all = Alle Tickets
ticket-status-open = Offen
ticket-status-awaiting_customer = Wartet auf Ihre Antwort
ticket-status-resolved = Gelöst
ticket-status-cancelled = Storniert
ticket-kind-support = Support
ticket-kind-username_change = Änderung des Benutzernamens
ticket-kind-contact_change = Kontaktänderung
ticket-count-all = { $total ->
    [one] 1 Ticket
   *[other] { $total } Tickets
}
ticket-count-some = { $shown } von { $total ->
    [one] 1 Ticket
   *[other] { $total } Tickets
}
reply-remove-file-first = Entfernen Sie zuerst „{ $name }“: { $problem }
reply-too-many-files = Hängen Sie an einen Kommentar höchstens 10 Dateien an.
ticket-describe-need = Beschreiben Sie, was Sie benötigen.
reply-write-something = Schreiben Sie eine Nachricht oder hängen Sie eine Datei an.
reply-files-summary = { $count ->
    [one] 1 Datei
   *[other] { $count } Dateien
}, { $size }
reply-sending = Wird gesendet…
reply-sending-part = { $done } von { $total } gesendet ({ $percent } %)

## Writing a ticket or a reply

compose-draft-back = Ihr nicht gesendeter Entwurf ist wieder da.
compose-related = Passende Artikel
compose-related-intro = Diese Artikel beantworten es vielleicht schon:
compose-enter-subject = Sagen Sie in wenigen Worten, worum es geht.
compose-remove-file = Entfernen
compose-for = Für
compose-me = Mich persönlich
compose-description = Beschreibung
compose-your-reply = Ihre Antwort
compose-attach = Dateien anhängen…
compose-raise = Ticket einreichen
compose-send-reply = Antwort senden

## The Tickets screen

tickets-reply-sent = Ihre Antwort wurde gesendet.
tickets-raised = Ticket #{ $ticket } wurde eingereicht.
tickets-cancelled = Anfrage #{ $ticket } wurde storniert.
tickets-demo-replied = Das Demo-Support-Team hat geantwortet. { -portal-desk } bemerkt es bei der nächsten Prüfung auf Neuigkeiten.
tickets-watch-stopped = Zurzeit wird nicht auf Neuigkeiten geprüft: { $reason }
tickets-notification-failed = Eine Benachrichtigung konnte nicht angezeigt werden: { $reason }
tickets-none-match = Keine Tickets passen.
tickets-loading = Tickets werden geladen…
ticket-number = #{ $ticket }
tickets-new-reply = Neue Antwort
tickets-updated = aktualisiert { $ago }
tickets-offline = Offline: die Tickets mit Stand { $ago }.
tickets-show = Zeigen
tickets-search-hint = Nummer, Betreff, Organisation suchen
tickets-search = Tickets durchsuchen
tickets-new = Neues Ticket
tickets-poll-before = Auf Neuigkeiten prüfen alle
tickets-poll-minutes = { $minutes ->
    [one] 1 Minute
   *[other] { $minutes } Minuten
}
tickets-attachment-line = { " " }{ $size } · wird gespeichert als{ " " }
tickets-choose = Wählen Sie ein Ticket, um seinen Verlauf zu lesen.
tickets-loading-conversation = Der Verlauf wird geladen…
tickets-raised-by-you = von Ihnen eingereicht am { $when }
tickets-raised-by = von { $who } eingereicht am { $when }
tickets-conversation-offline = Offline: dieser Verlauf mit Stand { $ago }. Antworten brauchen das Portal.
tickets-download-all = Alle Anhänge herunterladen ({ $count })…
tickets-cancel-request = Anfrage stornieren
tickets-demo-reply = Als Support-Team antworten (Demo)
tickets-cancel-waiting = Die Stornierung dieser Anfrage wartet im Postausgang: Sie wird gesendet, sobald das Portal erreichbar ist. Ziehen Sie sie im Postausgang zurück, um die Anfrage zu behalten.
tickets-cancel-question = Anfrage #{ $ticket } stornieren? Der Support arbeitet nicht mehr daran, und sie kann nicht wieder geöffnet werden; Sie können später eine neue Anfrage stellen.
tickets-cancel-confirm = Anfrage stornieren
tickets-keep-request = Behalten
tickets-author-you = { " " }(Sie)
tickets-support-team = Support-Team
tickets-you = Sie
tickets-closed = Dieses Ticket wurde storniert und nimmt keine Antworten mehr an.
