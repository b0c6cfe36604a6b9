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

## Documents (My Payments, Payments Manager)

document-status-open = Open
document-status-paid = Paid
document-status-unpaid = Unpaid
document-status-overdue = Overdue
document-kind-quote = Quote
document-kind-invoice = Invoice
document-count-all = { $total ->
    [one] 1 document
   *[other] { $total } documents
}
document-count-some = { $shown } of { $total ->
    [one] 1 document
   *[other] { $total } documents
}

## Tickets

ticket-filter-active = Open or awaiting you
ticket-filter-awaiting_customer = Awaiting your reply
ticket-filter-open = Open
ticket-filter-resolved = Resolved
ticket-filter-cancelled = Cancelled
ticket-filter-all = All tickets
ticket-status-open = Open
ticket-status-awaiting_customer = Awaiting your reply
ticket-status-resolved = Resolved
ticket-status-cancelled = Cancelled
ticket-kind-support = Support
ticket-kind-username_change = User name change
ticket-kind-contact_change = Contact change
ticket-count-all = { $total ->
    [one] 1 ticket
   *[other] { $total } tickets
}
ticket-count-some = { $shown } of { $total ->
    [one] 1 ticket
   *[other] { $total } tickets
}
reply-remove-file-first = Remove “{ $name }” first: { $problem }
reply-too-many-files = Attach at most 10 files to one comment.
ticket-describe-need = Describe what you need.
reply-write-something = Write a message or attach a file.
reply-files-summary = { $count ->
    [one] 1 file
   *[other] { $count } files
}, { $size }
reply-sending = Sending…
reply-sending-part = Sending { $done } of { $total } ({ $percent }%)

## Downloads

download-resumed-at = Resumed at { $size }
# $reason says why (it begins with a capital letter).
download-retrying = { $reason }; trying again in { $seconds } s
duration-seconds = { $seconds } s
duration-minutes = { $minutes } min
duration-hours = { $hours } h { $minutes } min
download-speed = { $size }/s
download-waiting = Waiting…
download-done-of-total = { $done } of { $total }
download-time-left = { $left } left
download-saved = { $size } · saved
download-cancelled = Cancelled

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
