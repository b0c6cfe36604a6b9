# Portal Desk's page, in English.
# Ids name where a text is shown: screen-, tab-, signin-, display-, …
# Terms (-portal-desk) keep product words the same everywhere.

-portal-desk = Portal Desk

## The shell: navigation, titles, the top bar

app-name = { -portal-desk }
# The window's title: the screen shown, then the app's name.
window-title = { $shown } – { -portal-desk }
screen-profile = My Profile
screen-tickets = Tickets
screen-payments-manager = Payments Manager
screen-contacts = Contacts
screen-library = Library
screen-knowledge-base = Knowledge Base
screen-partner-kit = Partner Kit
# The announcement of My Profile's tab: "My Profile: Settings".
screen-with-tab = { $screen }: { $tab }
tab-my-details = My Details
tab-my-payments = My Payments
tab-settings = Settings
tab-portal-roles = Portal Roles
tab-security = Security
tickets-unread-title = Tickets with new replies
top-sign-out = Sign out
kit-gone = Your roles no longer include the Partner Kit. Files already on this computer stay where they are.
# $who lists "e-mail at portal" for each account whose session ended.
sessions-ended = Your session as { $who } has ended. Choose it in the account menu to sign in again.
session-ended-who = { $email } at { $portal }
my-payments-note-before = Quotes and invoices sent to you personally. Your organization’s quotes and invoices are never shown here: they are in the{ " " }
my-payments-note-after = .
back-to-account = Back to { $name }

## Times, counts and sizes

ago-now = just now
ago-minutes = { $count ->
    [one] 1 minute ago
   *[other] { $count } minutes ago
}
ago-hours = { $count ->
    [one] 1 hour ago
   *[other] { $count } hours ago
}
ago-days = { $count ->
    [one] 1 day ago
   *[other] { $count } days ago
}
size-bytes = { $count ->
    [one] 1 byte
   *[other] { $count } bytes
}
size-kb = { $value } KB
size-mb = { $value } MB
size-gb = { $value } GB
size-tb = { $value } TB

## Errors the page itself meets

error-unexpected = Something went wrong.

## Sign-in

signin-title = Sign in to your portal
signin-add-title = Add an account
signin-intro = { -portal-desk } keeps you signed in on this computer.
signin-add-intro = Sign in to another portal, or with another address; the accounts you have stay signed in, a click away in the avatar menu.
signin-portal-url = Portal address
signin-portal-url-hint = For example https://portal.example.com
signin-email = E-mail address
signin-password = Password
signin-submit = Sign in
signin-busy = Signing in…
signin-forgot-password = Forgot your password?
signin-first-password = First time here? Get a password
signin-or = or
signin-open-demo = Open the demo portal
signin-demo-sso = Sign in to the demo portal with Demo SSO
signin-demo-hint = The demo portal runs inside { -portal-desk } on this computer. Demo users: dana@example.com and lee@example.com, password demo-password.
signin-again = Sign in again.
signin-code-title = Two-step sign-in
signin-code-intro = Your password was right. Now enter the 6-digit code from your authenticator app, or one of your recovery codes.
signin-code = Code
signin-code-busy = Checking…
signin-code-back = Back
signin-with = Sign in with { $provider }
signin-sso-intro = Your browser shows the portal’s sign-in page. Sign in there; { -portal-desk } continues here by itself.
signin-sso-waiting = Waiting for your browser…
signin-sso-cancel = Cancel
signin-enter-portal-url = Enter the address of your portal.
signin-enter-email = Enter your e-mail address.
signin-email-needs-at = Enter an e-mail address, like name@example.com.
signin-enter-password = Enter your password.

## On this computer: text size and language (Settings tab)

display-title = On this computer
display-text-size = Text size
display-text-size-choice = { $percent }%
display-text-size-hint = Makes everything larger, in every account. Ctrl with + or - changes it too; Ctrl with 0 sets it back.
display-text-size-set = Text size: { $percent }%.
display-language = Language
display-language-system = As the system ({ $name })
display-language-hint = The language of { -portal-desk }’s own words. What the portal and other people write stays as they wrote it.
display-language-set = { -portal-desk } is now shown in English.

## Updates of Portal Desk (the banner, "Check for updates")

update-available = { -portal-desk } { $version } is available
update-installing = Installing… { -portal-desk } restarts when it is done.
update-restarting = Restarting…
update-downloading = Downloading…
update-downloading-of = Downloading… { $percent }% of { $size }
update-downloading-size = Downloading… { $size }
# $title is update-available.
update-check-found = { $title }: see the banner above.
update-check-none = { -portal-desk } is up to date.

## Shared words

# Between the items of a list in a sentence ("A; B; C").
list-separator = {"; "}
close = Close
cancel = Cancel
save = Save
saving = Saving…
retry = Try again

## The update banner and the Updates card (Settings)

update-banner-label = Update
update-whats-new = what’s new
update-you-have = { " " }(you have { $version })
update-no-notes = The portal gave no notes for this version.
update-install = Install and restart
update-later = Later
updates-title = Updates
updates-hint = { -portal-desk } looks for a newer version on your portal when it starts and once a day, and installs one only when you say so. Every update is checked against { -portal-desk }’s signature before it is installed.
updates-looking = Looking for updates…
updates-check = Check for updates

## Help

help-button = Help
help-copied-label = The copied diagnostics
help-title = About { -portal-desk }
help-intro = If something goes wrong, your portal’s support team may ask for the diagnostics: the version, your system, the portal’s address and the last lines of the log. E-mail addresses and codes are removed before they are copied.
help-copy = Copy diagnostics
help-open-logs = Open log folder
help-copying = Copying…
help-copied = Copied to the clipboard. Paste it into your message to support.
help-version = Version
help-system = System
help-log-folder = Log folder

## Signing in again when a session ended

reauth-title = Sign in again
reauth-text = Your session with { $portal } has ended. Enter the password for { $email } to continue. Your unsaved changes stay as they are.
reauth-code = Code from your authenticator app, or a recovery code
save-changes = Save Changes
# The columns of a conflict: the user's version and the portal's.
conflict-yours = Your version
conflict-theirs = On the portal now
saved-to = Saved to { $path }.
sending = Sending…
open-ticket = Open ticket #{ $ticket }
see-ticket = See ticket #{ $ticket }
search = Search
nothing-matches = Nothing matches.
view = View
download = Download
# The folder downloads go to unless the user chooses another.
downloads-folder = Downloads
opening = Opening { $name }…
