# Portal Desk's page, in German: documents.

## Documents (My Payments, Payments Manager)

document-status-open = Offen
document-status-paid = Bezahlt
document-status-unpaid = Unbezahlt
document-status-overdue = Überfällig
document-kind-quote = Angebot
document-kind-invoice = Rechnung
document-count-all = { $total ->
    [one] 1 Dokument
   *[other] { $total } Dokumente
}
document-count-some = { $shown } von { $total ->
    [one] 1 Dokument
   *[other] { $total } Dokumenten
}

## Downloads

download-resumed-at = Fortgesetzt bei { $size }
download-retrying = { $reason }; neuer Versuch in { $seconds } s
duration-seconds = { $seconds } s
duration-minutes = { $minutes } min
duration-hours = { $hours } h { $minutes } min
download-speed = { $size }/s
download-waiting = Wartet…
download-done-of-total = { $done } von { $total }
download-time-left = noch { $left }
download-saved = { $size } · gespeichert
download-cancelled = Abgebrochen

## The viewer

viewer-unsupported = { -portal-desk } kann diese Art von Datei nicht anzeigen. Laden Sie sie herunter und öffnen Sie sie dann mit einem anderen Programm über den Bereich Downloads oder die Bibliothek.

## Payments Manager

payments-manager-none = Keine Ihrer Rollen erlaubt Ihnen, Angebote und Rechnungen einer Organisation zu sehen.
payments-manager-note = Angebote und Rechnungen an { $organization }.
