# Portal Desk's page, in German: Contacts (the organization's contacts
# and their roles, and change requests).

## A change in words, as the review and the request list it

change-grant-role = { $role } an { $contact } vergeben
change-revoke-role = { $role } von { $contact } entziehen
change-remove-contact = { $contact } entfernen
change-every-customer = { $contact } alle Kunden geben
change-assign-customers = { $contact } diesen Kunden zuweisen: { $customers }
change-stop-notifications = Keine Benachrichtigungs-E-Mails mehr an { $contact }
change-send-digest = { $contact } { $frequency ->
    [weekly] eine wöchentliche (montags)
   *[daily] eine tägliche
} Zusammenfassung senden über: { $categories }
change-digest-tickets = Tickets
change-digest-contact_changes = Kontaktänderungen
change-digest-documents = Dokumente
change-digest-payments = Zahlungen
change-field-email = E-Mail
change-field-first_name = Vorname
change-field-last_name = Nachname
change-field-office_phone = Telefon (Büro)
change-field-mobile_phone = Mobiltelefon
change-field-removed = { $field } entfernen
change-field-set = { $field } → { $value }
change-edit-contact = { $contact } bearbeiten: { $parts }
change-add-contact = { $name } <{ $email }> als { $roles } hinzufügen
change-add-contact-for = { $name } <{ $email }> als { $roles } für { $customers } hinzufügen

## Rules and checks

contacts-manager = Verwalter
contacts-either-role = { $roles } oder { $last }
contacts-you-last-manager = Sie sind die letzte aktive Person mit der Rolle { $roles } bei { $organization }; geben Sie diese Rolle zuerst jemand anderem.
contacts-last-manager = { $organization } braucht mindestens eine aktive Person mit der Rolle { $roles }; { $email } ist die letzte.
contacts-enter-first-name = Geben Sie einen Vornamen ein.
contacts-enter-last-name = Geben Sie einen Nachnamen ein.
contacts-enter-email = Geben Sie eine E-Mail-Adresse ein.
contacts-already = { $email } ist bereits ein Kontakt von { $organization }.
contacts-choose-role = Wählen Sie mindestens eine Rolle.
contacts-customer-unlisted = Kunde { $id }
contacts-all-customers = Alle Kunden

## Dialogs: customers, notifications

contacts-customers-of = Kunden von { $name }
contacts-customers-intro = { $name } sieht nur die hier gewählten Kunden. Keiner gewählt: alle Kunden der Partnerschaft.
contacts-customers-selected = { $count } von { $total } gewählt
contacts-confirm-selection = Auswahl bestätigen
contacts-notifications-for = Benachrichtigungen für { $name }
contacts-how-often = Wie oft
contacts-weekly = Wöchentlich (Montagmorgen)
contacts-email-includes = Was die E-Mail enthält
contacts-apply = Übernehmen

## The contacts table and the new contact form

contacts-user = Benutzer
contacts-customers = Kunden
contacts-contact = Kontakt
contacts-changes = Änderungen
contacts-invited = Eingeladen
contacts-invited-hint = Die Person hat bereits ein Konto im Portal: Nichts gilt, bis sie die per E-Mail gesendete Einladung annimmt.
contacts-not-activated = Nicht aktiviert
contacts-not-activated-hint = Hat das Konto noch nicht aktiviert
contacts-removed = Entfernt
contacts-flagged = Zum Entfernen vorgemerkt
contacts-changed = Geändert
contacts-role-for = { $role } für { $name }
contacts-role-of = Rolle von { $name }
contacts-no-role = Keine Rolle
contacts-select = Auswählen
contacts-needs-portal = Braucht das Portal: Sie sind offline.
contacts-not-accepted = Die Einladung wurde noch nicht angenommen.
contacts-not-activated-yet = Das Konto wurde noch nicht aktiviert.
contacts-reset-password = Passwort zurücksetzen
contacts-notifications = Benachrichtigungen
contacts-own-address = Wenn Sie Ihre eigene E-Mail-Adresse ändern, werden Sie abgemeldet; danach melden Sie sich mit der neuen Adresse an.
contacts-roles = Rollen
contacts-undo-delete = Löschen rückgängig machen
contacts-delete = Löschen
contacts-flagged-hint = Wird entfernt, sobald der Antrag umgesetzt ist.
contacts-new = Neu
contacts-drop-addition = Aus den Änderungen entfernen
contacts-needs-a-role = Ein Kontakt braucht mindestens eine Rolle.
contacts-optional = { " " }(optional)
contacts-add-user = Benutzer hinzufügen
contacts-add-contact = Kontakt hinzufügen
contacts-roles-at-least-one = Rollen (mindestens eine)
contacts-assigned-customers = Zugewiesene Kunden
contacts-none-selected = Keiner gewählt: alle Kunden der Partnerschaft.
contacts-welcome-direct = Der Benutzer bekommt beim Speichern eine Willkommens-E-Mail mit einem Link zum Aktivieren seines Kontos.
contacts-welcome-review = Neue Kontakte bekommen eine Willkommens-E-Mail mit einem Link zum Aktivieren ihres Kontos, sobald der Antrag umgesetzt ist.
contacts-add-to-changes = Zu den Änderungen hinzufügen
contact-field-first_name = Vorname
contact-field-last_name = Nachname
contact-field-email = E-Mail
contact-field-office_phone = Telefon (Büro)
contact-field-mobile_phone = Mobiltelefon

## The Contacts screen

contacts-added = Hinzugefügt
contacts-saved-in-effect = { $count ->
    [one] Gespeichert: 1 Änderung ist wirksam.
   *[other] Gespeichert: { $count } Änderungen sind wirksam.
}
contacts-refused = Nichts wurde geändert: Das Portal hat einige Änderungen abgelehnt. Die Gründe stehen bei den Kontakten.
contacts-kept-here = { $problem } Ihre Änderungen bleiben hier erhalten.
contacts-removed-notice = { $name } wurde entfernt und per E-Mail darüber informiert, dass der Zugang entzogen wurde.
contacts-still-held = Die Änderungen werden weiter zurückgehalten; den Grund sehen Sie unten.
contacts-waiting-sent = Die wartenden Änderungen wurden gesendet.
contacts-back-in-editor-lost = Die Änderungen sind wieder im Editor, außer diesen zu Kontakten, die nicht mehr aufgeführt sind: { $lost }.
contacts-back-in-editor = Die Änderungen sind wieder im Editor: Passen Sie sie an und senden Sie erneut.
contacts-waiting-withdrawn = Die wartenden Änderungen wurden zurückgezogen.
contacts-none = Keine Ihrer Rollen erlaubt Ihnen, die Kontakte einer Organisation zu verwalten.
contacts-loading = Die Kontakte werden geladen…
contacts-not-loaded = Die Kontakte konnten nicht geladen werden.
contacts-policy-direct = Benutzer von { $organization }. Als Administrator ändern Sie sie direkt: Was Sie speichern, gilt sofort.
contacts-policy-review = Kontakte von { $organization } und ihre Portalrollen. Beantragte Änderungen gehen als Ticket an das Support-Team und werden nach Prüfung umgesetzt.
contacts-offline = Offline: Die Kontakte werden wie zuletzt synchronisiert angezeigt ({ $ago }). Was Sie senden, wartet im Postausgang, bis das Portal erreichbar ist.
contacts-stale = Die Kontakte haben sich während Ihrer Bearbeitung geändert, daher wurde nichts gesendet. Ihre Änderungen liegen jetzt auf der aktuellen Liste; prüfen Sie sie und senden Sie erneut.
contacts-waiting-title = Änderungen, die im Postausgang warten
contacts-waiting-hint = Wartet auf das Senden: Sie gehen an das Portal, sobald es erreichbar ist, auf der Liste, wie Sie sie gesehen haben.
contacts-waiting-conflict = { $problem } Nichts wurde gesendet; Ihre Änderungen bleiben erhalten. Prüfen Sie sie gegen die aktuelle Liste.
contacts-waiting-refused = Das Portal hat sie abgelehnt: { $problem }
contacts-resend = Auf der aktuellen Liste senden
contacts-edit-again = Erneut bearbeiten
contacts-requested = Ihr Antrag ging als Ticket #{ $ticket } an das Support-Team. Sie bekommen eine E-Mail, sobald er umgesetzt ist.
contacts-pending-title = Änderungsantrag wartet auf das Support-Team
contacts-pending-by = Beantragt von { $who } am { $when } in Ticket #{ $ticket }. Die Kontakte sind schreibgeschützt, bis der Antrag umgesetzt oder storniert ist.
contacts-requested-changes = Beantragte Änderungen
contacts-only-requester = Nur { $who } hat ihn gestellt und kann ihn stornieren.
contacts-demo-applied = Das Support-Team hat den Antrag umgesetzt (Demo).
contacts-demo-apply = Als Support-Team umsetzen (Demo)
contacts-cancel-needs-portal = Zum Stornieren braucht es das Portal.
contacts-active-roles = Aktive Rollen
contacts-requested-roles = Beantragte Rollen
contacts-change = Änderung
contacts-blocked-waiting = Änderungen an diesen Kontakten warten bereits im Postausgang: Bearbeiten Sie sie erneut oder ziehen Sie sie zuerst zurück.
contacts-blocked-adding-user = Schließen Sie zuerst das Hinzufügen des Benutzers ab oder brechen Sie es ab.
contacts-blocked-adding-contact = Schließen Sie zuerst das Hinzufügen des Kontakts ab oder brechen Sie es ab.
contacts-changes-to-send = Zu sendende Änderungen
contacts-no-changes-direct = Keine ungespeicherten Änderungen. Wählen Sie Rollen, Kunden oder Benachrichtigungen, bearbeiten Sie Angaben oder fügen Sie einen Benutzer hinzu.
contacts-no-changes-review = Noch keine Änderungen. Setzen oder entfernen Sie Häkchen bei Rollen, bearbeiten Sie Angaben, fügen Sie Kontakte hinzu oder merken Sie sie zum Entfernen vor.
contacts-to-send = { $count ->
    [one] 1 Änderung zu senden:
   *[other] { $count } Änderungen zu senden:
}
contacts-request-changes = Änderungen beantragen
contacts-cancel-title = Den Änderungsantrag stornieren?
contacts-cancel-text = Keine der beantragten Änderungen wird umgesetzt, und Ticket #{ $ticket } wird als storniert geschlossen. Sie können danach erneut Änderungen beantragen.
contacts-keep-request = Antrag behalten
contacts-request-cancelled = Der Änderungsantrag wurde storniert.
contacts-remove-title = { $name } entfernen?
contacts-remove-text = { $name } ({ $email }) verliert sofort den Zugang zu { $organization }: Die Person wird abgemeldet und per E-Mail darüber informiert, dass der Zugang entzogen wurde.
contacts-remove-user = Benutzer entfernen
contacts-keep-user = Benutzer behalten
contacts-reset-title = Passwort von { $name } zurücksetzen?
contacts-reset-text-you = Sie werden hier abgemeldet, und eine E-Mail mit einem Link zum Wählen eines neuen Passworts geht an Ihre Adresse.
contacts-reset-text = Eine E-Mail mit einem Link zum Wählen eines neuen Passworts geht an { $email }. Das aktuelle Passwort funktioniert dann nicht mehr, und die Person wird abgemeldet.
