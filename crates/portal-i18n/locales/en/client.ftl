# Portal Desk's core, in English: client.

## Files and folders on this computer

size-bytes = { $count ->
    [one] 1 byte
   *[other] { $count } bytes
}
disk-not-enough-space = there is not enough free space in { $folder }: the file needs { $needed }, and { $free } is free
io-cannot-create = cannot create { $path }: { $reason }
io-cannot-flush = cannot flush { $path }: { $reason }
io-cannot-measure = cannot measure the free space of { $path }: { $reason }
io-cannot-open = cannot open { $path }: { $reason }
io-cannot-read = cannot read { $path }: { $reason }
io-cannot-remove = cannot remove { $path }: { $reason }
io-cannot-replace = cannot replace { $path }: { $reason }
io-cannot-save = cannot save { $path }: { $reason }
io-cannot-write-in = cannot write in { $path }: { $reason }
io-cannot-write = cannot write { $path }: { $reason }
io-cannot-keep-copy-in = cannot keep a copy in { $path }: { $reason }
io-cannot-keep-copy-of = cannot keep a copy of { $path }: { $reason }
io-too-large = the file is larger than this file system or a limit allows
io-disk-full = the disk is full
io-quota = your disk quota is used up
io-permission-denied = permission denied
io-read-only = the disk is read-only
io-in-use = another program is using it; close that program and try again

## Contacts: what changed on the portal meanwhile

contacts-was-added = { $name } ({ $email }) was added as { $roles }.
contacts-roles-changed = { $name }: roles { $before } → { $after }.
contacts-no-roles = none
contacts-details-changed = { $name }: contact details changed.
contacts-customers-changed = { $name }: assigned customers changed.
contacts-notifications-changed = { $name }: notification settings changed.
contacts-activated = { $name } activated their account.
contacts-no-longer = { $name } ({ $email }) is no longer a contact.
contacts-request-made = { $who } requested contact changes (ticket #{ $ticket }).
contacts-request-done = The request of ticket #{ $ticket } was applied or cancelled.
contacts-roles-catalogue-changed = The role catalogue changed.

## The outbox

outbox-title-profile = Changes to My Details
outbox-title-settings = Changes to Settings
outbox-title-reply = Reply to ticket #{ $ticket }
outbox-title-new-ticket = New ticket “{ $subject }”
outbox-title-cancel = Cancel ticket #{ $ticket }
outbox-title-username = Change the user name to { $email }
outbox-title-contacts = { $count ->
    [one] 1 contact change
   *[other] { $count } contact changes
}
outbox-write-something = Write something to send.
field-too-long = Use at most { $max } characters.
outbox-enter-subject = Say in a few words what it is about.
outbox-not-saved = The change was not saved; see the messages beside the fields.
outbox-only-words-edited = Only the words of a waiting reply or new ticket can be edited here.
outbox-only-reply-reopens = Only a waiting reply can open its ticket again.
outbox-only-reply-new-ticket = Only a waiting reply can become a new ticket.
# The subject of a new ticket raised from a reply to a cancelled one.
outbox-follow-up-subject = Follow-up to #{ $ticket }: { $subject }
outbox-follow-up = Follow-up to #{ $ticket }
outbox-no-such-item = Nothing numbered { $id } waits in the outbox.

## The portal address

url-enter = Enter the address of your portal, for example https://portal.example.com.
url-not-web-address = “{ $input }” is not a web address. Enter it like https://portal.example.com.
url-no-credentials = Leave the user name and password out of the portal address; { -portal-desk } asks for them separately.
url-insecure = { -portal-desk } only connects to portals over https://, so that your password and session cannot be read on the way; http:// is allowed only for a portal on this computer. Try https://{ $host }.
url-other-scheme = “{ $scheme }://” is not a web address; use https://.

## Downloads

download-gave-up = The download stopped after { $attempts } attempts: { $reason }. Try again to resume it.
download-other-part = the portal sent another part of the file
download-part-too-long = the part on disk was longer than the file
download-busy-wait = { $minutes ->
    [one] The portal is busy and asks to wait 1 minute. Try again later.
   *[other] The portal is busy and asks to wait { $minutes } minutes. Try again later.
}
download-busy = the portal is busy ({ $status })
download-portal-failed = the portal failed ({ $status })
download-stalled = the transfer stalled (under { $kilobytes } KB in { $seconds } s)
download-more-than-size = The portal sent more than the { $total } bytes it gave as this file's size, so the download was stopped. Nothing was saved.
download-connection-broke = the connection broke ({ $reason })
download-short = the portal sent { $sent } of { $total } bytes
download-size-mismatch = The portal listed this file as { $listed } bytes but sends { $sent }. Nothing was saved; refresh the list and try again.
download-no-size = The portal did not say how large the file is, so it was not downloaded.
download-no-answer = the portal did not answer in time

## Downloads: the part file

download-already-running = This file is already being downloaded into { $folder }; wait for that download to finish.
download-damaged = The file arrived damaged: its SHA-256 does not match the one the portal gave. Nothing was saved; try again.

## Sending the outbox

outbox-contacts-changed = The contact list changed since these changes were made.
outbox-copy-gone = The copy of “{ $name }” kept for sending is gone or damaged; attach the file again.
outbox-attach-again = Attach “{ $name }” again.
outbox-resolved-meanwhile = Ticket #{ $ticket } was resolved meanwhile: sending this reply opens it again.
outbox-file-changed = “{ $name }” changed after it was queued; the copy taken then was sent.
outbox-file-gone = “{ $name }” was deleted or moved after it was queued; the copy taken then was sent.

## Waiting requests that need a password

outbox-no-keyring = This request cannot wait for the portal: the password it needs can only be kept in the system keyring, and none answers. Send it when the portal is reachable.
outbox-password-gone = The password kept for this request is no longer in the system keyring. Withdraw it and ask again.

## Opening downloaded files

open-refused-type = { -portal-desk } does not open .{ $extension } files: they can run programs. Check where it came from, then open it from its folder if you trust it.
open-refused-no-type = { -portal-desk } does not open files without a known document type. Check where it came from, then open it from its folder if you trust it.
open-unreadable = { $name } cannot be read, so it is not opened.
open-program-inside = { $name } is named like a document but is a program inside, so { -portal-desk } does not open it. Ask whoever sent it what it is.

## The profile photo

photo-cannot-open = Cannot open { $path }: { $reason }.
photo-cannot-read = Cannot read { $path }: { $reason }.
photo-too-large = The image is { $size }; choose one of at most { $most } MB.
photo-wrong-type = This file is not a PNG, JPEG or WebP image. Choose a photo in one of those formats.
photo-damaged = The image file is damaged or incomplete.
photo-too-small = The image is { $width }×{ $height } pixels; a profile photo needs at least { $least }×{ $least }.
photo-too-big = The image is { $width }×{ $height } pixels; choose one of at most { $most } pixels a side.

## Sessions

signout-portal-not-told = Signed out on this computer, but the portal could not be told ({ $reason }); the session there ends by itself.
session-not-accepted = The portal no longer accepts this session. Sign in again.
session-signed-out = This session was signed out. Sign in again.

## Sign-in

enter-email = Enter your e-mail address.

## Updates of Portal Desk

update-the-update = The update
update-named = { -portal-desk } { $version }
update-feed-unreachable = Cannot reach the update feed to look for a newer { -portal-desk } ({ $detail }). Try again later.
update-not-a-feed = The portal's update feed answered with something that is not an update (a web page or broken data). Nothing was downloaded; ask your portal's administrator.
update-bad-signature = { $update } was downloaded but not installed: its signature does not match the one { -portal-desk } trusts, so it may not come from { -portal-desk }'s makers. Your installed version is unchanged.
update-wrong-package = { $update } is not a package this installation can install. Your installed version is unchanged.
update-install-failed = { $update } could not be installed ({ $detail }). Your installed version is unchanged.

## Attachments

attach-missing = “{ $name }” is no longer at { $path }; pick it again.
attach-unreadable = “{ $name }” cannot be read: { $reason }.
attach-not-a-file = “{ $name }” is not a file.
attach-too-large = “{ $name }” is too large to attach ({ $size }); the portal takes at most { $most } MB per file.
attach-too-many = Attach at most { $most } files to one comment ({ $picked } picked).
attach-changed = “{ $name }” changed while it was being sent; nothing was posted. Send again to attach the new version.

## Single sign-on

sso-not-offered = { $origin } does not offer single sign-on; sign in with your e-mail address and password.
sso-other-site = The portal's single sign-on points at { $endpoint }, another site; { -portal-desk } signs in only with the portal itself.
sso-no-port = cannot open a port on this computer for the browser to come back to
sso-port-unreadable = cannot read the port opened for the browser
sso-port-unnamed = cannot name the port for the browser
sso-timed-out = No sign-in came back from the browser within { $minutes } minutes. Start it again.
sso-not-accepted = The portal did not accept the sign-in from the browser ({ $reason }). Try again.
sso-no-refresh-token = The portal's single sign-on gave no refresh token, so the session could not be kept.
sso-browser-not-started = cannot start the browser { $program }
sso-browser-not-opened = cannot open the browser
sso-bad-authorization-address = The portal's single sign-on has an unusable authorization address.
sso-bad-token-address = The portal's single sign-on has an unusable token address.
sso-portal-unreachable = the portal could not be reached
sso-not-a-sign-in = its answer was not a sign-in
sso-port-closed = the port for the browser closed
# The page the browser shows when it comes back to Portal Desk.
sso-page-signed-in = Signed in to { -portal-desk }
sso-page-signed-in-text = You can close this tab and go back to { -portal-desk }.
sso-page-not-signed-in = Not signed in
sso-page-not-signed-in-text = Signing in did not finish. Go back to { -portal-desk } to try again.
sso-page-not-found = Not found
sso-page-not-found-text = { -portal-desk } is waiting for your sign-in on this port; this is not it.
sso-cancelled = Signing in was cancelled in the browser.
sso-refused = The portal refused the single sign-on: { $reason }

## Talking to the portal

http-another-address = another address
http-redirects-away = it redirects to { $location }, another site, and { -portal-desk } does not send your sign-in there
http-portal-failed = The portal failed ({ $status }). Try again later.
http-portal-refused = The portal refused the request ({ $status }).
http-answer-too-large = an answer larger than any API answer
http-no-json = no JSON
http-web-page = a web page instead of the portal API
http-other-json = JSON that is not the portal API
http-other-type = { $type } instead of JSON

## Lists the portal sends page by page

list-too-many-items = a list longer than { $most } items
list-too-many-pages = a list that did not end after { $most } pages
list-too-large = a list larger than { $megabytes } MB
list-always-changing = a list that changed every time it was read ({ $times } times)
list-same-page-again = a list whose next page is the same page

## Knowledge Base: pictures in articles

kb-image-too-large = larger than { $megabytes } MB
kb-image-gone = the portal no longer has it
kb-image-more-bytes = more bytes came than the article lists
kb-image-other-bytes = its bytes are not the ones the article lists
kb-image-not-an-image = not a PNG, JPEG, GIF or WebP image (the portal said “{ $declared }”)

## Partner Kit

kit-folder-gone = the folder { $folder } is not there any more: create it or choose another, then sync again; nothing was changed
# $message is the portal's reason.
kit-files-stay = { $message } The files already in { $folder } stay there.
kit-other-bytes = the portal sent other bytes than the kit lists (it may have changed meanwhile); it is tried again at the next sync

## This computer's copy of an account

store-newer-version = { $path } was written by a newer version of { -portal-desk }; update { -portal-desk } to use this account on this computer

## Saving files under their names

publish-too-many-alike = { $folder } already holds { $count } files named like { $name }

## Library titles

library-attachment-title = Ticket #{ $ticket } · { $name }

## Not signed in

session-not-signed-in = You are not signed in. Sign in first.
session-not-signed-in-to-as = You are not signed in to { $portal } as { $email }. Sign in first.
session-not-signed-in-demo = You are not signed in here: the demo portal runs only inside the { -portal-desk } app. Sign in first.
session-not-signed-in-as = You are not signed in as { $who } on this computer (see the accounts with `pdesk accounts`). Sign in first.
session-not-signed-in-ambiguous = You are not signed in as { $who } at one portal only: name the portal too, as EMAIL@ORIGIN (see `pdesk accounts`). Sign in first.

## Library titles of documents

document-kind-quote = Quote
document-kind-invoice = Invoice
# "Quote Q-1042"
library-document-title = { $kind } { $number }

## Files of this computer

accounts-file-damaged = { $path } is damaged ({ $reason }); move it away to start afresh
folder-missing = the folder { $path } does not exist
dirs-no-home = the home folder of this user could not be determined
