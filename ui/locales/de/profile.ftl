# Portal Desk's page, in German: My Profile (My Details, Settings, Portal
# Roles, Security).

## My Details: the profile's fields and their checks

profile-field-first_name = Vorname
profile-field-last_name = Nachname
profile-field-office_phone = Telefon (Büro)
profile-field-mobile_phone = Mobiltelefon
profile-field-company = Firma
profile-field-job_title = Position
profile-enter-first_name = Geben Sie Ihren Vornamen ein.
profile-enter-last_name = Geben Sie Ihren Nachnamen ein.
field-too-long = Verwenden Sie höchstens { $max } Zeichen.
field-control-characters = Entfernen Sie Steuerzeichen wie Tabulatoren und Zeilenumbrüche.
phone-characters = Verwenden Sie nur Ziffern, Leerzeichen und + - ( ) . /
phone-too-few-digits = Geben Sie mindestens { $min } Ziffern ein.

## My Details: password, user name, two-step codes

password-rule-length = Mindestens { $min } Zeichen.
password-rule-not-email = Nicht Ihre E-Mail-Adresse.
password-rule-not-common = Keines der häufigsten Passwörter.
password-enter-current = Geben Sie Ihr aktuelles Passwort ein.
password-enter-new = Geben Sie ein neues Passwort ein.
password-too-short = Verwenden Sie mindestens { $min } Zeichen.
password-is-email = Ihr Passwort darf nicht Ihre E-Mail-Adresse sein.
password-again-differs = Das stimmt nicht mit dem neuen Passwort überein.
password-enter-again = Geben Sie das neue Passwort noch einmal ein.
username-enter-new = Geben Sie die neue E-Mail-Adresse ein.
username-not-an-address = Geben Sie eine E-Mail-Adresse wie name@example.com ein.
username-same = Das ist bereits Ihre E-Mail-Adresse.
username-enter-reason = Nennen Sie den Grund, damit der Support zustimmen kann.
username-pending = Änderung auf { $email } beantragt – Ticket #{ $ticket }
code-enter = Geben Sie den Code aus Ihrer Authenticator-App oder einen Wiederherstellungscode ein.
code-six-digits = Codes aus der App haben 6 Ziffern.
code-malformed = Geben Sie 6 Ziffern aus der App oder einen Wiederherstellungscode wie abcde-23456 ein.

## Settings: e-mail, the digest, grants

email-promotions = Aktionen und Angebote
email-ticket_updates = Neuigkeiten zu Tickets
email-new_features = Neue Funktionen
email-invoices_and_payments = Rechnungen und Zahlungen
email-security_alerts = Sicherheitshinweise
email-security_alerts-always-on = Immer an: Sie informieren Sie über Anmeldungen und Änderungen an Ihrem Konto.
digest-tickets = Tickets, die auf Ihre Antwort warten
digest-contact_changes = Anträge auf Kontakt- und Rollenänderungen
digest-documents = Neue Angebote und Rechnungen
digest-payments = Fällige oder überfällige Zahlungen
digest-weekly = Wöchentlich, montags
digest-daily = Täglich
digest-no-category = Keine
digest-none = Keine Zusammenfassung: Es ist keine Kategorie gewählt.
digest-summary = Eine Zusammenfassung { $whose ->
    [their] der offenen Aufgaben dieser Person
   *[your] Ihrer offenen Aufgaben
} kommt { $frequency ->
    [weekly] jeden Montagmorgen
   *[daily] jeden Tag
}.
setting-on = An
setting-off = Aus
settings-attachment-format = Format der Dateinamen von Anhängen
settings-email-row = E-Mail: { $label }
settings-digest-frequency = Häufigkeit der Zusammenfassung
settings-digest-categories = Kategorien der Zusammenfassung
grant-manage_contacts = Kontakte und Rollen verwalten
grant-organization_documents = Angebote und Rechnungen der Organisation sehen
grant-organization_tickets = Tickets der Organisation sehen
grant-customer_data = Mit Kundendaten arbeiten
grant-assigned_customers = Nur die zugewiesenen Kunden (alle, wenn keine zugewiesen sind)
grant-partner_kit = Das Partner-Kit nutzen
grant-no_sign_in = Nur E-Mail-Benachrichtigungen, keine Anmeldung

## Portal Roles

roles-loading = Ihre Rollen werden geladen…
roles-offline = Offline: Ihre Rollen wie zuletzt synchronisiert ({ $ago }).
roles-intro = Alle Rollen, die Sie in allen Organisationen haben. Rollen werden von den Administratoren Ihrer Organisation vergeben und entzogen.
roles-none = Sie haben in keiner Organisation eine Rolle.
roles-organization = Organisation
roles-role = Rolle
roles-grants = Was sie erlaubt
roles-policy-review = Änderungen prüft der Anbieter
roles-policy-admins = Änderungen nehmen Ihre Administratoren vor

## Settings

settings-saved = Gespeichert. Neue Downloads verwenden dieses Format.
settings-changed-elsewhere-banner = Ihre Einstellungen wurden inzwischen an anderer Stelle geändert. Ihre Auswahl bleibt markiert; speichern Sie erneut, um sie zu übernehmen.
settings-changed-again = Sie wurden inzwischen erneut an anderer Stelle geändert: Wählen Sie noch einmal.
settings-choices-saved = Ihre Auswahl wurde auf der neueren Fassung gespeichert.
settings-theirs-shown = Die Einstellungen des Portals werden angezeigt; Ihre wartenden Einstellungen wurden zurückgezogen.
settings-conflict-title = Ihre Einstellungen wurden an anderer Stelle geändert
settings-conflict-intro = Offline gespeicherte Einstellungen warten im Postausgang, wurden aber inzwischen an anderer Stelle geändert. Wählen Sie Einstellung für Einstellung, was gelten soll.
settings-conflict-setting = Einstellung
settings-save-choices = Meine Auswahl speichern
settings-use-theirs = Einstellungen des Portals verwenden
settings-loading = Ihre Einstellungen werden geladen…
settings-offline = Offline: Ihre Einstellungen wie zuletzt synchronisiert ({ $ago }). Was Sie speichern, wartet im Postausgang, bis das Portal erreichbar ist.
settings-waiting = Wartet auf das Senden: Die angezeigten Einstellungen wurden offline gespeichert und gehen an das Portal, sobald es erreichbar ist. Erneutes Speichern ersetzt sie.
settings-refused = Das Portal hat die im Postausgang wartenden Einstellungen abgelehnt: { $message } Ändern Sie sie und speichern Sie erneut, oder ziehen Sie sie im Postausgang zurück.
settings-format-title = Format der Dateinamen von Anhängen
settings-format-hint = Nehmen Sie die Ticketnummer in die Namen heruntergeladener Ticketanhänge auf, damit Sie sehen, woher sie stammen.
settings-format-preview = Vorschau: { $sample } wird gespeichert als{ " " }
settings-email-title = E-Mail-Einstellungen
settings-digest-title = Zusammenfassung der Benachrichtigungen

## Security

mfa-enter-code-now = Geben Sie den 6-stelligen Code ein, den die App jetzt zeigt.
mfa-turned-off = Die Anmeldung in zwei Schritten ist aus. Zum Anmelden genügt Ihr Passwort.
mfa-recovery-title = Ihre Wiederherstellungscodes
mfa-recovery-intro = Wenn Sie Ihr Telefon verlieren, meldet Sie jeder dieser Codes einmal an, anstelle eines Codes aus der App. Sie werden nur jetzt angezeigt: Bewahren Sie sie sicher auf.
mfa-recovery-save = In einer Datei speichern…
mfa-recovery-done = Ich habe sie gespeichert
mfa-intro = Bei der Anmeldung in zwei Schritten brauchen Sie Ihr Passwort und einen Code aus einer Authenticator-App auf Ihrem Telefon, etwa Google Authenticator, Microsoft Authenticator oder FreeOTP.
mfa-preparing = Wird vorbereitet…
mfa-set-up = Anmeldung in zwei Schritten einrichten
mfa-step-scan = Scannen Sie diesen QR-Code mit Ihrer Authenticator-App:
mfa-qr-alt = QR-Code für Ihre Authenticator-App
mfa-step-key = Oder geben Sie diesen Schlüssel in der App ein:{ " " }
mfa-step-code = Geben Sie den 6-stelligen Code aus der App und Ihr Passwort ein:
mfa-code-from-app = Code aus der App
mfa-your-password = Ihr Passwort
mfa-turn-on = Einschalten
mfa-on = Die Anmeldung in zwei Schritten ist an. Noch { $left } von { $total } Wiederherstellungscodes übrig.
mfa-turn-off-title = Anmeldung in zwei Schritten ausschalten
mfa-code-or-recovery = Code aus der App oder ein Wiederherstellungscode
mfa-turning-off = Wird ausgeschaltet…
mfa-turn-off = Ausschalten
security-loading = Ihre Sicherheitseinstellungen werden geladen…

## My Details

details-showing-synced = { $problem } Ihre Angaben werden wie zuletzt synchronisiert angezeigt.
details-signed-in-again-edits = Wieder angemeldet. Ihre Änderungen sind noch da; speichern Sie sie, wenn Sie so weit sind.
details-signed-in-again = Wieder angemeldet.
details-loading = Ihre Angaben werden geladen…
details-synced = Zuletzt synchronisiert { $ago }.
details-synced-refreshing = Zuletzt synchronisiert { $ago }; wird aktualisiert…
details-name = Name
details-contact = Kontaktdaten
discard-changes = Änderungen verwerfen
details-conflict-title = Ihr Profil wurde an anderer Stelle geändert
details-conflict-intro = Während Sie bearbeitet haben, wurden Ihre Angaben an anderer Stelle gespeichert. Ihre Änderungen bleiben hier, bis Sie wählen.
details-conflict-field = Feld
details-keep-mine = Meine Änderungen behalten
details-use-theirs = Fassung des Portals verwenden
details-mine-applied = Ihre Änderungen sind auf die neuere Fassung übertragen. Speichern Sie sie, wenn Sie so weit sind.
details-theirs-shown = Die Fassung des Portals wird angezeigt.
details-mine-saved = Ihre Änderungen wurden auf der neueren Fassung gespeichert.
details-theirs-withdrawn = Die Fassung des Portals wird angezeigt; Ihre wartenden Änderungen wurden zurückgezogen.
details-saved = Gespeichert.

## My Details: photo, user name and password

username-withdrawn = Ihr wartender Antrag wurde zurückgezogen.
username-waiting-refused = Das Portal hat Ihren wartenden Antrag für { $email } abgelehnt: { $message } Ziehen Sie ihn zurück und stellen Sie ihn neu.
username-waiting = Wartet auf das Senden: Ihr Antrag für { $email } liegt im Postausgang und geht an den Support, sobald das Portal erreichbar ist.
withdraw = Zurückziehen
photo-alt = Ihr Profilfoto
photo-updated = Foto aktualisiert.
photo-removed = Foto entfernt.
photo-working = Wird bearbeitet…
photo-change = Foto ändern…
photo-add = Foto hinzufügen…
photo-remove = Foto entfernen
photo-hint = PNG, JPEG oder WebP, mindestens 80×80 Pixel und höchstens 5 MB. Es wird quadratisch zugeschnitten.
username-title = Meine E-Mail / Benutzername
username-change = Ändern…
username-pending-banner = { $pending }. Bis der Support zustimmt, melden Sie sich weiter als { $email } an.
username-demo-approve = Als Anbieter zustimmen (Demo)
username-hint = Ihr Benutzername ist Ihre E-Mail-Adresse. Um ihn zu ändern, stellen Sie einen Antrag; der Support stimmt ihm zu.
username-approved = Zugestimmt. Sie melden sich jetzt als { $email } an.
username-dialog-title = Benutzernamen ändern
username-dialog-intro = Ihr Benutzername ist Ihre E-Mail-Adresse. Der Support prüft jeden Antrag; bis zur Zustimmung melden Sie sich weiter mit Ihrer bisherigen Adresse an.
username-new-email = Neue E-Mail-Adresse
username-reason = Grund
username-send = Antrag senden
password-current = Aktuelles Passwort
password-new = Neues Passwort
password-new-again = Neues Passwort wiederholen
password-changing = Wird geändert…
password-change = Passwort ändern
password-changed = Passwort geändert. Ihre anderen Sitzungen wurden abgemeldet; diese bleibt angemeldet.
