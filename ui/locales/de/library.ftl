# Portal Desk's page, in German: the Library, the Knowledge Base and the
# Partner Kit.

## Knowledge Base

kb-vote-thanks = Danke für Ihre Rückmeldung. { $yes } von { $total ->
    [one] 1 Person fand
   *[other] { $total } Personen fanden
} das hilfreich.

## Partner Kit

kit-sync-added = { $count } hinzugefügt
kit-sync-updated = { $count } aktualisiert
kit-sync-restored = { $count } wiederhergestellt
kit-sync-kept-beside = { $count ->
    [one] 1 von Ihnen geänderte Datei behalten, die Kit-Fassung daneben gespeichert
   *[other] { $count } von Ihnen geänderte Dateien behalten, die Kit-Fassungen daneben gespeichert
}
kit-sync-removed = { $count ->
    [one] 1 Datei nicht mehr im Kit (bleibt in Ihrem Ordner)
   *[other] { $count } Dateien nicht mehr im Kit (bleiben in Ihrem Ordner)
}
kit-sync-failed = { $count ->
    [one] 1 Datei nicht synchronisiert
   *[other] { $count } Dateien nicht synchronisiert
}
kit-sync-up-to-date = Auf dem neuesten Stand ({ $count ->
    [one] 1 Datei
   *[other] { $count } Dateien
}).
kit-sync-summary = { $parts }.
kit-sync-separator = {"; "}
kit-sync-detail-kept-beside = Sie haben { $yours } geändert: Die neue Fassung des Kits ist { $kits }.
kit-sync-detail-removed = Nicht mehr im Kit, weiterhin in Ihrem Ordner: { $path }.
kit-sync-detail-failed = Nicht synchronisiert: { $reason }

## Library

library-viewed = { $file } · { $size } · angesehen { $ago }
library-saved = { $file } · { $size } · gespeichert { $ago }
library-missing = Fehlt
library-intro = Jede Datei, die { -portal-desk } für Sie heruntergeladen oder geöffnet hat. Sie öffnen sich hier auch ohne Verbindung.
library-search-hint = Titel oder Dateiname
library-loading = Die Bibliothek wird geladen…
library-empty = Noch nichts hier: Dateien, die Sie herunterladen oder ansehen, erscheinen hier.

## Knowledge Base screen

kb-link-opened = { $url } wurde in Ihrem Browser geöffnet.
kb-mail-link-opened = Eine neue Nachricht an { $address } wurde in Ihrem E-Mail-Programm geöffnet.
kb-article-place = { $place } · aktualisiert am { $date }
kb-vote-question = War das hilfreich?
kb-vote-yes = Ja
kb-vote-no = Nein
kb-vote-waiting = Ihre Antwort wartet im Postausgang.
kb-intro = Antworten des Support-Teams, auf diesem Computer gespeichert: Durchsuchen Sie sie, bevor Sie ein Ticket einreichen.
kb-search-hint = Stichwörter
kb-category = Kategorie
kb-all-categories = Alle Kategorien
kb-tag-clear = Wieder alle Schlagwörter zeigen
kb-loading = Die Wissensdatenbank wird geladen…
kb-empty = Kein Artikel passt. Versuchen Sie weniger Wörter oder reichen Sie ein Ticket ein.
kb-articles = Artikel

## Partner Kit screen

kit-downloading-folder = { $count ->
    [one] 1 Datei aus { $folder } wird in Downloads heruntergeladen.
   *[other] { $count } Dateien aus { $folder } werden in Downloads heruntergeladen.
}
kit-downloaded-folder-saved = { $count ->
    [one] 1 Datei aus { $folder } in Downloads gespeichert.
   *[other] { $count } Dateien aus { $folder } in Downloads gespeichert.
}
kit-downloaded-folder-saved-some = { $count ->
    [one] Die Datei aus { $folder } wurde nicht gespeichert: Im Bereich Downloads steht, warum.
   *[other] { $saved } von { $count } Dateien aus { $folder } in Downloads gespeichert: Im Bereich Downloads steht, was die übrigen aufgehalten hat.
}
kit-downloaded-folder-cancelled = { $saved ->
    [0] Abgebrochen: keine Datei aus { $folder } gespeichert.
   *[other] Abgebrochen: { $saved } von { $count } Dateien aus { $folder } in Downloads gespeichert.
}
kit-file-line = { $size } · Version { $version } · { $date }
kit-preview = Vorschau
kit-preview-named = Vorschau: { $name }
kit-download-named = Herunterladen: { $name }
kit-download-folder = Ordner herunterladen
kit-download-folder-named = Ordner herunterladen: { $folder }
kit-syncing = Wird synchronisiert…
kit-syncing-progress = Wird synchronisiert… { $done } von { $total } Dateien geprüft
kit-sync-label = Einen Ordner synchron halten
kit-synced-with-before = Synchron gehalten mit{ " " }
kit-synced-with-after = . Neue und geänderte Dateien kommen bei jeder Update-Prüfung an; eine von Ihnen geänderte Datei wird nie ersetzt, und Dateien, die aus dem Kit genommen wurden, bleiben.
kit-sync-now = Jetzt synchronisieren
kit-sync-stop = Nicht mehr synchron halten
kit-sync-intro = Halten Sie einen Ordner auf diesem Computer mit dem Kit synchron: Dateien kommen dort an und bleiben aktuell, und Ihre eigenen Änderungen werden nie ersetzt.
kit-sync-choose = Einen Ordner synchron halten…
kit-history = Verlauf der Synchronisierung
kit-intro = Marketingmaterial des Anbieters für Partner: Logos, Broschüren und Markenrichtlinien.
kit-loading = Das Partner-Kit wird geladen…
kit-empty = Das Partner-Kit ist leer.
kit-files = Dateien des Partner-Kits
