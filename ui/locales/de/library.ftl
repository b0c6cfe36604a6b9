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
