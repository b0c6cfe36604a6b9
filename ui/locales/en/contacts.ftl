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

## Dialogs: customers, notifications

contacts-customers-of = Customers of { $name }
contacts-customers-intro = { $name } sees only the customers selected here. None selected: all customers of the partnership.
contacts-customers-selected = { $count } of { $total } selected
contacts-confirm-selection = Confirm selection
contacts-notifications-for = Notifications for { $name }
contacts-how-often = How often
contacts-weekly = Weekly (Monday morning)
contacts-email-includes = What the e-mail includes
contacts-apply = Apply

## The contacts table and the new contact form

contacts-user = User
contacts-customers = Customers
contacts-contact = Contact
contacts-changes = Changes
contacts-invited = Invited
contacts-invited-hint = They already have an account on the portal: nothing applies until they accept the e-mailed invitation.
contacts-not-activated = Not activated
contacts-not-activated-hint = Has not activated their account yet
contacts-removed = Removed
contacts-flagged = Flagged for removal
contacts-changed = Changed
contacts-role-for = { $role } for { $name }
contacts-role-of = Role of { $name }
contacts-no-role = No role
contacts-select = Select
contacts-needs-portal = Needs the portal: you are offline.
contacts-not-accepted = They have not accepted the invitation yet.
contacts-not-activated-yet = They have not activated their account yet.
contacts-reset-password = Reset password
contacts-notifications = Notifications
contacts-own-address = Changing your own e-mail address signs you out; you then sign in with the new address.
contacts-roles = Roles
contacts-undo-delete = Undo delete
contacts-delete = Delete
contacts-flagged-hint = Flagged for removal when the request is applied.
contacts-new = New
contacts-drop-addition = Remove from changes
contacts-needs-a-role = A contact needs at least one role.
contacts-optional = { " " }(optional)
contacts-add-user = Add user
contacts-add-contact = Add contact
contacts-roles-at-least-one = Roles (at least one)
contacts-assigned-customers = Assigned customers
contacts-none-selected = None selected: all customers of the partnership.
contacts-welcome-direct = The user gets a welcome e-mail with a link to activate their account when you save.
contacts-welcome-review = New contacts get a welcome e-mail with a link to activate their account once the request is applied.
contacts-add-to-changes = Add to changes
contact-field-first_name = First name
contact-field-last_name = Last name
contact-field-email = E-mail
contact-field-office_phone = Office phone
contact-field-mobile_phone = Mobile phone

## The Contacts screen

contacts-added = Added
contacts-saved-in-effect = { $count ->
    [one] Saved: 1 change is in effect.
   *[other] Saved: { $count } changes are in effect.
}
contacts-refused = Nothing was changed: the portal refused some of the changes. The reasons are shown beside the contacts.
# $problem says what went wrong (a sentence).
contacts-kept-here = { $problem } Your changes are kept here.
contacts-removed-notice = { $name } was removed and told by e-mail that their access was revoked.
contacts-still-held = The changes are still held; see why below.
contacts-waiting-sent = The waiting changes were sent.
contacts-back-in-editor-lost = The changes are back in the editor, except these about contacts no longer listed: { $lost }.
contacts-back-in-editor = The changes are back in the editor: change them and send again.
contacts-waiting-withdrawn = The waiting changes were withdrawn.
contacts-none = None of your roles lets you manage an organization’s contacts.
contacts-loading = Loading the contacts…
contacts-not-loaded = The contacts could not be loaded.
contacts-policy-direct = Users of { $organization }. As an administrator you change them directly: what you save is in effect at once.
contacts-policy-review = Contacts of { $organization } and their portal roles. Changes you request go to the support team as a ticket and are applied after review.
contacts-offline = Offline: showing the contacts as last synced { $ago }. Changes you send wait in the outbox until the portal is reachable.
contacts-stale = The contacts changed while you were editing, so nothing was sent. Your changes are kept on top of the list as it is now; check them and send again.
contacts-waiting-title = Changes waiting in the outbox
contacts-waiting-hint = Waiting to send: they go to the portal when it is reachable, on the list as you saw it.
contacts-waiting-conflict = { $problem } Nothing was sent; your changes are kept. Check them against the list as it is now.
contacts-waiting-refused = The portal refused them: { $problem }
contacts-resend = Send on the list as it is now
contacts-edit-again = Edit again
contacts-requested = Your request was sent to the support team as ticket #{ $ticket }. You will get an e-mail when it is applied.
contacts-pending-title = Change request waiting for the support team
contacts-pending-by = Requested by { $who } on { $when } in ticket #{ $ticket }. The contacts are read-only until the request is applied or cancelled.
contacts-requested-changes = Requested changes
contacts-only-requester = Only { $who }, who asked, can cancel it.
contacts-demo-applied = The support team applied the request (demo).
contacts-demo-apply = Apply as the support team (demo)
contacts-cancel-needs-portal = Cancelling needs the portal.
contacts-active-roles = Active roles
contacts-requested-roles = Requested roles
contacts-change = Change
contacts-blocked-waiting = Changes to these contacts already wait in the outbox: edit them again or withdraw them first.
contacts-blocked-adding-user = Finish or cancel adding the user first.
contacts-blocked-adding-contact = Finish or cancel adding the contact first.
contacts-changes-to-send = Changes to send
contacts-no-changes-direct = No unsaved changes. Choose roles, customers or notifications, edit details, or add a user.
contacts-no-changes-review = No changes yet. Tick or untick roles, edit details, add contacts or flag them for removal.
contacts-to-send = { $count ->
    [one] 1 change to send:
   *[other] { $count } changes to send:
}
contacts-request-changes = Request Changes
contacts-cancel-title = Cancel the change request?
contacts-cancel-text = None of the requested changes will be made, and ticket #{ $ticket } is closed as cancelled. You can request changes again afterwards.
contacts-keep-request = Keep the request
contacts-request-cancelled = The change request was cancelled.
contacts-remove-title = Remove { $name }?
contacts-remove-text = { $name } ({ $email }) loses access to { $organization } at once: they are signed out and told by e-mail that their access was revoked.
contacts-remove-user = Remove user
contacts-keep-user = Keep user
contacts-reset-title = Reset the password of { $name }?
contacts-reset-text-you = You will be signed out here, and an e-mail with a link to choose a new password goes to your address.
contacts-reset-text = An e-mail with a link to choose a new password goes to { $email }. Their current password stops working and they are signed out.
