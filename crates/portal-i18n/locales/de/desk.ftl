# Portal Desk's core, in German: desk.

## My Details

desk-username-already-waiting = Ein Antrag für { $email } wartet bereits im Postausgang: Ziehen Sie ihn zuerst zurück.
desk-staff-approve = diesem Antrag zustimmen
desk-photo-failed = das Foto konnte nicht vorbereitet werden

## The demo portal

desk-staff-only = Nur das Support-Team des Portals kann { $what }.

## Accounts

desk-account-already-here = { $email } bei { $portal } ist bereits auf diesem Computer angemeldet: Wählen Sie es im Kontomenü.

## Contacts

desk-own-address-changed = Ihre eigene E-Mail-Adresse hat sich geändert, daher wurden Sie abgemeldet. Melden Sie sich mit der neuen Adresse erneut an.
desk-not-contact-changes = Diese wartende Änderung ist keine Reihe von Kontaktänderungen.
desk-contacts-already-waiting = Eine Reihe von Änderungen an diesen Kontakten wartet bereits im Postausgang: Bearbeiten Sie sie erneut oder ziehen Sie sie zuerst zurück.
desk-staff-apply = diesen Antrag umsetzen

## Documents

desk-document-not-listed = Dokument { $id } ist nicht in der Liste; aktualisieren Sie sie und versuchen Sie es erneut.

## Knowledge Base

desk-kb-offline = { $portal } ist nicht erreichbar: Dies sind die auf diesem Computer gespeicherten Artikel.
desk-kb-article-not-kept = Artikel { $id } ist nicht in der auf diesem Computer gespeicherten Wissensdatenbank.
desk-kb-only-web-links = Aus einem Artikel öffnen sich nur Webadressen (http oder https) und E-Mail-Adressen (mailto).
desk-kb-link-not-opened = Der Link konnte nicht geöffnet werden: Kein Programm auf diesem Computer hat ihn angenommen.

## The outbox

desk-not-profile-change = Diese wartende Änderung gehört nicht zu Meine Daten.
desk-saved-in-outbox = Im Postausgang gespeichert: Es wird gesendet, sobald { $portal } erreichbar ist.

## Partner Kit

desk-kit-offline = { $portal } ist nicht erreichbar: Dies ist das Kit, wie es zuletzt auf diesem Computer gelesen wurde.
desk-kit-not-in-folder = { $file } ist nicht in diesem Ordner des Kits.

## Attachments

desk-not-picked = { $path } wurde nicht im Dateidialog gewählt; hängen Sie die Datei mit „Dateien anhängen…“ an.

## Download folders

desk-no-folder-chosen = es wurde kein Ordner gewählt; verwenden Sie zuerst „Speichern unter…“

## Two-step sign-in

desk-sign-in-ended = Diese Anmeldung ist abgelaufen. Geben Sie Ihr Passwort erneut ein.
desk-portal-first = Geben Sie zuerst die Portaladresse ein, damit { -portal-desk } weiß, wo es fragen soll.
desk-recovery-codes-file = Wiederherstellungscodes für { $email } bei { $portal }
    Jeder Code funktioniert einmal, anstelle des Codes aus Ihrer Authenticator-App.

## Settings

desk-not-settings-change = Diese wartende Änderung gehört nicht zu den Einstellungen.
desk-format-sample = „{ $name }“ in Ticket #{ $ticket }

## Tickets and their notifications

desk-open-ticket-first = Öffnen Sie zuerst Ticket #{ $ticket }.
desk-no-such-attachment = Ticket #{ $ticket } hat keinen Anhang { $id }; aktualisieren Sie es und versuchen Sie es erneut.
desk-notice-title = Ticket #{ $ticket }: { $subject }
desk-notice-new-reply = Es gibt eine neue Antwort.

## The desktop

desk-file-manager-not-opened = Die Dateiverwaltung hat { $path } nicht geöffnet: { $reason }.
desk-clipboard-failed = Die Zwischenablage hat den Text nicht angenommen: { $reason }.
desk-no-program-opened = Kein Programm hat { $path } geöffnet: { $reason }.
desk-file-manager-not-shown = Die Dateiverwaltung hat { $path } nicht gezeigt: { $reason }.
desk-dialog-save-downloads = Downloads speichern unter
desk-dialog-photo = Ein Profilfoto wählen
desk-dialog-pictures = Bilder (PNG, JPEG, WebP)
desk-dialog-kit-folder = Diesen Ordner mit dem Partner-Kit synchron halten
desk-dialog-recovery-codes = Ihre Wiederherstellungscodes speichern
desk-dialog-text-files = Text
desk-dialog-attach = Dateien anhängen
desk-saving-failed = das Speichern ist fehlgeschlagen

## Nothing kept on this computer yet

desk-contacts-never-fetched = die Kontakte dieser Organisation wurden auf diesem Computer noch nie abgerufen
desk-profile-never-fetched = das Profil wurde auf diesem Computer noch nie abgerufen
desk-settings-never-fetched = die Einstellungen wurden auf diesem Computer noch nie abgerufen
desk-kit-never-read = das Partner-Kit wurde auf diesem Computer noch nie gelesen
desk-kit-file-not-listed = Datei { $id } ist nicht im Partner-Kit, wie es zuletzt gelesen wurde; aktualisieren Sie das Kit
desk-kit-file-nameless = eine Kit-Datei ohne Namen
desk-not-a-folder = { $path } ist kein Ordner
desk-no-kit-folder = kein Ordner wird mit dem Partner-Kit synchron gehalten
desk-dialog-not-opened = der Dateidialog kann nicht geöffnet werden
desk-dialog-did-not-open = der Dateidialog hat sich nicht geöffnet

## Files downloaded earlier

desk-file-missing = { $name } liegt nicht mehr unter { $place }: Die Datei wurde verschoben oder gelöscht. Laden Sie sie erneut herunter, um sie zurückzubekommen.
desk-staff-reply = als Anbieter antworten
desk-notification-open = Ticket öffnen
desk-no-update-offered = Es gibt kein Update zum Installieren. Suchen Sie erneut danach.
desk-kept-screen-too-large = Der erste Bildschirm ist zu groß, um ihn für den nächsten Start aufzubewahren ({ $size } Byte; höchstens { $limit }).
