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

## The Downloads panel

downloads-title = Downloads
downloads-open = Öffnen
downloads-show-in-folder = Im Ordner zeigen
downloads-missing = Verschoben oder gelöscht
downloads-stopped = Abgebrochen
downloads-saved-at = { $size } · { $path }
downloads-retry = Erneut versuchen
downloads-again = Erneut herunterladen
downloads-more = { $count ->
    [one] 1 weiterer Download
   *[other] { $count } weitere Downloads
}: { $saved } gespeichert, { $waiting } ausstehend, { $stopped } abgebrochen.
downloads-cancel-all = Alle abbrechen
# Said to screen readers when one download fails; $reason is why.
downloads-failed-one = { $title } nicht heruntergeladen: { $reason }
# Said to screen readers when several downloads fail together ($count is 2 or more).
downloads-failed-many = { $count } Downloads fehlgeschlagen: Der Bereich Downloads zeigt sie zuerst.
downloads-earlier = Früher
downloads-document-title = { $kind } { $number }

## The Downloads panel, empty

downloads-none = Noch nichts heruntergeladen.

## Document lists (My Payments, Payments Manager)

documents-column-number = Nummer
documents-column-issued_on = Ausgestellt
documents-column-due_on = Fällig
documents-column-amount = Betrag
documents-column-status = Status
documents-column-what = Was
documents-column-actions = Aktionen
documents-downloading-all = { $count ->
    [one] 1 Dokument wird nach { $folder } heruntergeladen.
   *[other] { $count } Dokumente werden nach { $folder } heruntergeladen.
}
documents-downloaded-all-saved = { $count ->
    [one] 1 Dokument in { $folder } gespeichert.
   *[other] { $count } Dokumente in { $folder } gespeichert.
}
documents-downloaded-all-saved-some = { $count ->
    [one] Das Dokument wurde nicht in { $folder } gespeichert: Im Bereich Downloads steht, warum.
   *[other] { $saved } von { $count } Dokumenten in { $folder } gespeichert: Im Bereich Downloads steht, was die übrigen aufgehalten hat.
}
documents-downloaded-all-cancelled = { $saved ->
    [0] „Alle herunterladen“ abgebrochen: nichts in { $folder } gespeichert.
   *[other] „Alle herunterladen“ abgebrochen: { $saved } von { $count } Dokumenten in { $folder } gespeichert.
}
documents-download-all = Alle herunterladen…
documents-none-match = Keine Dokumente passen zu diesen Filtern.
documents-preparing = { $count ->
    [one] 1 Dokument wird vorbereitet
   *[other] { $count } Dokumente werden vorbereitet
}…
documents-kind = Art
documents-all = Alle
documents-quotes = Angebote
documents-invoices = Rechnungen
documents-year = Jahr
documents-search-hint = Nummer, Titel oder Dateiname
documents-save-to = Speichern unter…
documents-checking = Wie zuletzt synchronisiert ({ $ago }); es wird auf Änderungen geprüft…
documents-as-synced = Die Liste wird wie zuletzt synchronisiert angezeigt ({ $ago }).
documents-offline = Offline: Die Liste wird wie zuletzt synchronisiert angezeigt ({ $ago }). Heruntergeladene Dateien öffnen sich aus der Bibliothek.
documents-loading = Dokumente werden geladen…
documents-empty = Noch keine Angebote oder Rechnungen.
