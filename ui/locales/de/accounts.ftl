# Portal Desk's page, in German: accounts.

## The account menu

accounts-unread = { $count ->
    [one] 1 Ticket mit neuen Antworten
   *[other] { $count } Tickets mit neuen Antworten
}
accounts-unread-elsewhere = { $count ->
    [one] 1 Ticket mit neuen Antworten in Ihren anderen Konten
   *[other] { $count } Tickets mit neuen Antworten in Ihren anderen Konten
}
accounts-email-at-portal = { $email } · { $portal }
accounts-signed-out = Abgemeldet
accounts-remove-question = { $email } von diesem Computer entfernen? Die Sitzung hier endet. { -portal-desk } kann auch löschen, was es hier dazu aufbewahrt (zwischengespeicherte Listen, die Einträge der Bibliothek); Dateien, die Sie gespeichert haben, bleiben in Ihren Ordnern.
accounts-remove-waiting = { $count ->
    [one] { " " }1 Änderung wartet in seinem Postausgang, nicht gesendet: Wenn Sie die Daten löschen, wird sie verworfen; behalten, wird sie gesendet, sobald Sie das Konto wieder hinzufügen.
   *[other] { " " }{ $count } Änderungen warten in seinem Postausgang, nicht gesendet: Wenn Sie die Daten löschen, werden sie verworfen; behalten, werden sie gesendet, sobald Sie das Konto wieder hinzufügen.
}
accounts-remove-delete = Entfernen und Daten löschen
accounts-remove-keep = Entfernen, Daten behalten
accounts-loading = Konten werden geladen…
accounts-add = Konto hinzufügen…
accounts-sign-out = Von diesem Konto abmelden
accounts-remove = Dieses Konto von diesem Computer entfernen…
accounts-label = Konten
