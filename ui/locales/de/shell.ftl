# Portal Desk's page, in German (Sie-Form, as business software does).
# Keep the portal's own terms as the German portal shows them:
# Benutzername (user name), Ticket, Angebot, Rechnung, Kontakt.

-portal-desk = Portal Desk

## The shell: navigation, titles, the top bar

app-name = { -portal-desk }
window-title = { $shown } – { -portal-desk }
screen-profile = Mein Profil
screen-tickets = Tickets
screen-payments-manager = Zahlungsverwaltung
screen-contacts = Kontakte
screen-library = Bibliothek
screen-knowledge-base = Wissensdatenbank
screen-partner-kit = Partner-Kit
screen-with-tab = { $screen }: { $tab }
tab-my-details = Meine Daten
tab-my-payments = Meine Zahlungen
tab-settings = Einstellungen
tab-portal-roles = Portalrollen
tab-security = Sicherheit
tickets-unread-title = Tickets mit neuen Antworten
top-sign-out = Abmelden
kit-gone = Ihre Rollen umfassen das Partner-Kit nicht mehr. Dateien, die bereits auf diesem Computer sind, bleiben, wo sie sind.
sessions-ended = Ihre Sitzung als { $who } ist beendet. Wählen Sie das Konto im Kontomenü, um sich erneut anzumelden.
session-ended-who = { $email } bei { $portal }
my-payments-note-before = Angebote und Rechnungen, die an Sie persönlich gerichtet sind. Die Angebote und Rechnungen Ihrer Organisation werden hier nie angezeigt: Sie finden sie in der{ " " }
my-payments-note-after = .
back-to-account = Zurück zu { $name }

## Times, counts and sizes

ago-now = gerade eben
ago-minutes = { $count ->
    [one] vor 1 Minute
   *[other] vor { $count } Minuten
}
ago-hours = { $count ->
    [one] vor 1 Stunde
   *[other] vor { $count } Stunden
}
ago-days = { $count ->
    [one] vor 1 Tag
   *[other] vor { $count } Tagen
}
size-bytes = { $count ->
    [one] 1 Byte
   *[other] { $count } Bytes
}
size-kb = { $value } KB
size-mb = { $value } MB
size-gb = { $value } GB
size-tb = { $value } TB

## Errors the page itself meets

error-unexpected = Etwas ist schiefgegangen.

## Sign-in

signin-title = Bei Ihrem Portal anmelden
signin-add-title = Konto hinzufügen
signin-intro = { -portal-desk } hält Sie auf diesem Computer angemeldet.
signin-add-intro = Melden Sie sich bei einem anderen Portal oder mit einer anderen Adresse an; Ihre bisherigen Konten bleiben angemeldet und sind im Avatar-Menü nur einen Klick entfernt.
signin-portal-url = Portaladresse
signin-portal-url-hint = Zum Beispiel https://portal.example.com
signin-email = E-Mail-Adresse
signin-password = Passwort
signin-submit = Anmelden
signin-busy = Anmeldung läuft…
signin-forgot-password = Passwort vergessen?
signin-first-password = Zum ersten Mal hier? Passwort anfordern
signin-or = oder
signin-open-demo = Demoportal öffnen
signin-demo-sso = Mit Demo-SSO beim Demoportal anmelden
signin-demo-hint = Das Demoportal läuft in { -portal-desk } auf diesem Computer. Demo-Benutzer: dana@example.com und lee@example.com, Passwort demo-password.
signin-again = Melden Sie sich erneut an.
signin-code-title = Anmeldung in zwei Schritten
signin-code-intro = Ihr Passwort ist richtig. Geben Sie jetzt den 6-stelligen Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein.
signin-code = Code
signin-code-busy = Wird geprüft…
signin-code-back = Zurück
signin-with = Mit { $provider } anmelden
signin-sso-intro = Ihr Browser zeigt die Anmeldeseite des Portals. Melden Sie sich dort an; { -portal-desk } macht hier von selbst weiter.
signin-sso-waiting = Warten auf Ihren Browser…
signin-sso-cancel = Abbrechen
signin-enter-portal-url = Geben Sie die Adresse Ihres Portals ein.
signin-enter-email = Geben Sie Ihre E-Mail-Adresse ein.
signin-email-needs-at = Geben Sie eine E-Mail-Adresse ein, etwa name@example.com.
signin-enter-password = Geben Sie Ihr Passwort ein.

## On this computer: text size and language (Settings tab)

display-title = Auf diesem Computer
display-text-size = Textgröße
display-text-size-choice = { $percent } %
display-text-size-hint = Vergrößert alles, in allen Konten. Auch Strg mit + oder - ändert die Größe; Strg mit 0 setzt sie zurück.
display-text-size-set = Textgröße: { $percent } %.
display-language = Sprache
display-language-system = Wie das System ({ $name })
display-language-hint = Die Sprache der Texte von { -portal-desk }. Was das Portal und andere Personen schreiben, bleibt, wie sie es geschrieben haben.
display-language-set = { -portal-desk } wird jetzt auf Deutsch angezeigt.

## Updates of Portal Desk (the banner, "Check for updates")

update-available = { -portal-desk } { $version } ist verfügbar
update-installing = Wird installiert… { -portal-desk } startet danach neu.
update-restarting = Startet neu…
update-downloading = Wird heruntergeladen…
update-downloading-of = Wird heruntergeladen… { $percent } % von { $size }
update-downloading-size = Wird heruntergeladen… { $size }
update-check-found = { $title }: siehe Hinweis oben.
update-check-none = { -portal-desk } ist auf dem neuesten Stand.

## Shared words

list-separator = {"; "}
close = Schließen
cancel = Abbrechen
save = Speichern
saving = Wird gespeichert…
retry = Erneut versuchen

## The update banner and the Updates card (Settings)

update-banner-label = Update
update-whats-new = Neuerungen
update-you-have = { " " }(Sie haben { $version })
update-no-notes = Das Portal nennt keine Neuerungen für diese Version.
update-install = Installieren und neu starten
update-later = Später
updates-title = Updates
updates-hint = { -portal-desk } sucht beim Start und einmal täglich auf Ihrem Portal nach einer neueren Version und installiert sie nur, wenn Sie es möchten. Jedes Update wird vor der Installation mit der Signatur von { -portal-desk } geprüft.
updates-looking = Nach Updates wird gesucht…
updates-check = Nach Updates suchen

## Help

help-button = Hilfe
help-copied-label = Die kopierten Diagnosedaten
help-title = Über { -portal-desk }
help-intro = Wenn etwas nicht klappt, bittet der Support Ihres Portals Sie vielleicht um die Diagnosedaten: die Version, Ihr System, die Adresse des Portals und die letzten Zeilen des Protokolls. E-Mail-Adressen und Codes werden vor dem Kopieren entfernt.
help-copy = Diagnosedaten kopieren
help-open-logs = Protokollordner öffnen
help-copying = Wird kopiert…
help-copied = In die Zwischenablage kopiert. Fügen Sie es in Ihre Nachricht an den Support ein.
help-version = Version
help-system = System
help-log-folder = Protokollordner

## Signing in again when a session ended

reauth-title = Erneut anmelden
reauth-text = Ihre Sitzung bei { $portal } ist abgelaufen. Geben Sie das Passwort für { $email } ein, um fortzufahren. Ihre nicht gespeicherten Änderungen bleiben erhalten.
reauth-code = Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode
save-changes = Änderungen speichern
conflict-yours = Ihre Fassung
conflict-theirs = Jetzt im Portal
saved-to = Gespeichert unter { $path }.
sending = Wird gesendet…
open-ticket = Ticket #{ $ticket } öffnen
see-ticket = Ticket #{ $ticket } ansehen
search = Suchen
nothing-matches = Nichts passt.
view = Ansehen
download = Herunterladen
downloads-folder = Downloads
opening = { $name } wird geöffnet…
