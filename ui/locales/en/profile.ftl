# Portal Desk's page, in English: My Profile (My Details, Settings, Portal
# Roles, Security).

## My Details: the profile's fields and their checks

profile-field-first_name = First name
profile-field-last_name = Last name
profile-field-office_phone = Office phone
profile-field-mobile_phone = Mobile phone
profile-field-company = Company
profile-field-job_title = Job title
profile-enter-first_name = Enter your first name.
profile-enter-last_name = Enter your last name.
field-too-long = Use at most { $max } characters.
field-control-characters = Remove control characters such as tabs and line breaks.
phone-characters = Use digits, spaces and + - ( ) . / only.
phone-too-few-digits = Enter at least { $min } digits.

## My Details: password, user name, two-step codes

password-rule-length = At least { $min } characters.
password-rule-not-email = Not your e-mail address.
password-rule-not-common = Not one of the most common passwords.
password-enter-current = Enter your current password.
password-enter-new = Enter a new password.
password-too-short = Use at least { $min } characters.
password-is-email = Your password cannot be your e-mail address.
password-again-differs = This does not match the new password.
password-enter-again = Type the new password again.
username-enter-new = Enter the new e-mail address.
username-not-an-address = Enter an e-mail address such as name@example.com.
username-same = That is already your e-mail address.
username-enter-reason = Say why, so that support can approve it.
username-pending = change to { $email } requested — ticket #{ $ticket }
code-enter = Enter the code from your authenticator app, or a recovery code.
code-six-digits = Codes from the app have 6 digits.
code-malformed = Enter 6 digits from the app, or a recovery code like abcde-23456.

## Settings: e-mail, the digest, grants

email-promotions = Promotions and offers
email-ticket_updates = Ticket updates
email-new_features = New features
email-invoices_and_payments = Invoices and payments
email-security_alerts = Security alerts
email-security_alerts-always-on = Always on: they tell you about sign-ins and changes to your account.
digest-tickets = Tickets awaiting your reply
digest-contact_changes = Contact and role change requests
digest-documents = New quotes and invoices
digest-payments = Payments due or overdue
digest-weekly = Weekly, on Monday
digest-daily = Daily
digest-no-category = None
digest-none = No digest: no category is selected.
# $whose is "your", or "their" for someone else's digest.
digest-summary = A summary of { $whose ->
    [their] their
   *[your] your
} outstanding tasks comes { $frequency ->
    [weekly] every Monday morning
   *[daily] every day
}.
setting-on = On
setting-off = Off
settings-attachment-format = Attachment file name format
settings-email-row = E-mail: { $label }
settings-digest-frequency = Digest frequency
settings-digest-categories = Digest categories
grant-manage_contacts = Manage contacts and roles
grant-organization_documents = See the organization’s quotes and invoices
grant-organization_tickets = See the organization’s tickets
grant-customer_data = Work with customer data
grant-assigned_customers = Only the customers assigned to them (all when none are)
grant-partner_kit = Use the Partner Kit
grant-no_sign_in = E-mail notifications only, no sign-in

## Portal Roles

roles-loading = Loading your roles…
roles-offline = Offline: showing your roles as last synced { $ago }.
roles-intro = All the roles you have across all organizations. Roles are granted and revoked by your organization’s administrators.
roles-none = You have no roles in any organization.
roles-organization = Organization
roles-role = Role
roles-grants = What it grants
roles-policy-review = Changes reviewed by the vendor
roles-policy-admins = Changes applied by your admins

## Settings

settings-saved = Saved. New downloads use this format.
settings-changed-elsewhere-banner = Your settings were changed elsewhere meanwhile. Your choices are still selected; save again to apply them.
settings-changed-again = They were changed elsewhere again meanwhile: choose again.
settings-choices-saved = Your choices were saved on the newer version.
settings-theirs-shown = Showing the portal’s settings; your waiting settings were withdrawn.
settings-conflict-title = Your settings were changed elsewhere
settings-conflict-intro = Settings you saved offline wait in the outbox, but they were changed from somewhere else meanwhile. Choose, setting by setting, which to keep.
settings-conflict-setting = Setting
settings-save-choices = Save my choices
settings-use-theirs = Use the portal’s settings
settings-loading = Loading your settings…
settings-offline = Offline: showing your settings as last synced { $ago }. Changes you save wait in the outbox until the portal is reachable.
settings-waiting = Waiting to send: the settings shown were saved offline and go to the portal when it is reachable. Saving again replaces them.
settings-refused = The portal refused the settings waiting in the outbox: { $message } Change them and save again, or withdraw them in the Outbox.
settings-format-title = Attachment File Name Format
settings-format-hint = Include the ticket number in the names of downloaded ticket attachments to keep track of where they came from.
settings-format-preview = Preview: { $sample } is saved as{ " " }
settings-email-title = E-mail preferences
settings-digest-title = Notification digest

## Security

mfa-enter-code-now = Enter the 6-digit code the app shows now.
mfa-turned-off = Two-step sign-in is off. Signing in needs only your password.
mfa-recovery-title = Your recovery codes
mfa-recovery-intro = If you lose your phone, each of these codes signs you in once instead of a code from the app. They are shown only now: save them somewhere safe.
mfa-recovery-save = Save to a file…
mfa-recovery-done = I have saved them
mfa-intro = With two-step sign-in, signing in needs your password and a code from an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator or FreeOTP.
mfa-preparing = Preparing…
mfa-set-up = Set up two-step sign-in
mfa-step-scan = Scan this QR code with your authenticator app:
mfa-qr-alt = QR code for your authenticator app
mfa-step-key = Or type this key into the app:{ " " }
mfa-step-code = Enter the 6-digit code the app shows, and your password:
mfa-code-from-app = Code from the app
mfa-your-password = Your password
mfa-turn-on = Turn on
mfa-on = Two-step sign-in is on. { $left } of { $total } recovery codes left.
mfa-turn-off-title = Turn off two-step sign-in
mfa-code-or-recovery = Code from the app, or a recovery code
mfa-turning-off = Turning off…
mfa-turn-off = Turn off
security-loading = Loading your security settings…

## My Details

# $problem says what went wrong (a sentence).
details-showing-synced = { $problem } Showing your details as last synced.
details-signed-in-again-edits = Signed in again. Your changes are still here; save them when ready.
details-signed-in-again = Signed in again.
details-loading = Loading your details…
details-synced = Last synced { $ago }.
details-synced-refreshing = Last synced { $ago }; refreshing…
details-name = Name
details-contact = Contact details
discard-changes = Discard changes
details-conflict-title = Your profile was changed elsewhere
details-conflict-intro = While you were editing, your details were saved from somewhere else. Your changes are kept here until you choose.
details-conflict-field = Field
details-keep-mine = Keep my changes
details-use-theirs = Use the portal’s version
details-mine-applied = Your changes are applied to the newer version. Save them when ready.
details-theirs-shown = Showing the portal’s version.
details-mine-saved = Your changes were saved on the newer version.
details-theirs-withdrawn = Showing the portal’s version; your waiting changes were withdrawn.
details-saved = Saved.

## My Details: photo, user name and password

username-withdrawn = Your waiting request was withdrawn.
username-waiting-refused = The portal refused your waiting request for { $email }: { $message } Withdraw it and ask again.
username-waiting = Waiting to send: your request for { $email } is in the outbox and goes to support when the portal is reachable.
withdraw = Withdraw
photo-alt = Your profile photo
photo-updated = Photo updated.
photo-removed = Photo removed.
photo-working = Working…
photo-change = Change photo…
photo-add = Add a photo…
photo-remove = Remove photo
photo-hint = PNG, JPEG or WebP, at least 80×80 pixels and at most 5 MB. It is cropped to a square.
username-title = My Email / Username
username-change = Change…
# $pending is username-pending, with a capital letter.
username-pending-banner = { $pending }. Until support approves it, keep signing in as { $email }.
username-demo-approve = Approve as the vendor (demo)
username-hint = Your user name is your e-mail address. To change it, send a request; support approves it.
username-approved = Approved. You now sign in as { $email }.
username-dialog-title = Change your user name
username-dialog-intro = Your user name is your e-mail address. Support checks each request; until it is approved you keep signing in with your current address.
username-new-email = New e-mail address
username-reason = Reason
username-send = Send request
password-current = Current password
password-new = New password
password-new-again = New password again
password-changing = Changing…
password-change = Change password
password-changed = Password changed. Your other sessions were signed out; this one stays signed in.
