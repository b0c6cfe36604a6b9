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
