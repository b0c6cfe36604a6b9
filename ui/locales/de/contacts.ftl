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
