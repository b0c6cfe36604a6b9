# Portal Desk's page, in English: Contacts (the organization's contacts
# and their roles, and change requests).

## A change in words, as the review and the request list it

change-grant-role = Grant { $role } to { $contact }
change-revoke-role = Revoke { $role } from { $contact }
change-remove-contact = Remove { $contact }
change-every-customer = Give { $contact } every customer
change-assign-customers = Assign { $contact } to { $customers }
change-stop-notifications = Stop notification e-mails to { $contact }
change-send-digest = Send { $contact } a { $frequency ->
    [weekly] weekly (Monday)
   *[daily] daily
} digest of { $categories }
change-digest-tickets = tickets
change-digest-contact_changes = contact changes
change-digest-documents = documents
change-digest-payments = payments
change-field-email = e-mail
change-field-first_name = first name
change-field-last_name = last name
change-field-office_phone = office phone
change-field-mobile_phone = mobile phone
change-field-removed = remove { $field }
change-field-set = { $field } → { $value }
change-edit-contact = Edit { $contact }: { $parts }
change-add-contact = Add { $name } <{ $email }> as { $roles }
change-add-contact-for = Add { $name } <{ $email }> as { $roles } for { $customers }

## Rules and checks

# When the organization's catalogue names no managing role.
contacts-manager = manager
contacts-either-role = { $roles } or { $last }
contacts-you-last-manager = You are the last active { $roles } of { $organization }; make someone else { $roles } first.
contacts-last-manager = { $organization } must keep at least one active { $roles }; { $email } is the last.
contacts-enter-first-name = Enter a first name.
contacts-enter-last-name = Enter a last name.
contacts-enter-email = Enter an e-mail address.
contacts-already = { $email } is a contact of { $organization } already.
contacts-choose-role = Choose at least one role.
contacts-customer-unlisted = customer { $id }
contacts-all-customers = All customers
