# Portal Desk's core, in English: desk.

## My Details

desk-username-already-waiting = A request for { $email } already waits in the outbox: withdraw it first.
# Completes desk-staff-only.
desk-staff-approve = approve this request
desk-photo-failed = preparing the photo failed

## The demo portal

desk-staff-only = Only the portal's support staff can { $what }.

## Accounts

desk-account-already-here = { $email } at { $portal } is already on this computer and signed in: choose it in the account menu.

## Contacts

desk-own-address-changed = Your own e-mail address changed, so you were signed out. Sign in again with the new address.
desk-not-contact-changes = That waiting change is not a batch of contact changes.
desk-contacts-already-waiting = A batch of changes to these contacts already waits in the outbox: edit it again or withdraw it first.
desk-staff-apply = apply this request

## Documents

desk-document-not-listed = Document { $id } is not in the list; refresh it and try again.

## Knowledge Base

desk-kb-offline = { $portal } cannot be reached: these are the articles kept on this computer.
desk-kb-article-not-kept = Article { $id } is not in the knowledge base kept on this computer.
desk-kb-only-web-links = Only web addresses (http or https) and e-mail addresses (mailto) open from an article.
desk-kb-link-not-opened = The link could not be opened: no program on this computer took it.

## The outbox

desk-not-profile-change = That waiting change is not one of My Details.
desk-saved-in-outbox = Saved in the outbox: it will be sent when { $portal } is reachable.

## Partner Kit

desk-kit-offline = { $portal } cannot be reached: this is the kit as last read on this computer.
desk-kit-not-in-folder = { $file } is not in that folder of the kit.

## Attachments

desk-not-picked = { $path } was not picked in the file dialog; attach it with “Attach files…”.

## Download folders

desk-no-folder-chosen = no folder was chosen; use “Save to…” first

## Two-step sign-in

desk-sign-in-ended = This sign-in has ended. Enter your password again.
desk-portal-first = Enter the portal address first, so that { -portal-desk } knows where to ask.
# The top of the file recovery codes are saved in (two lines).
desk-recovery-codes-file = Recovery codes for { $email } on { $portal }
    Each code works once, in place of the code from your authenticator app.

## Settings

desk-not-settings-change = That waiting change is not one of Settings.
desk-format-sample = “{ $name }” on ticket #{ $ticket }

## Tickets and their notifications

desk-open-ticket-first = Open ticket #{ $ticket } first.
desk-no-such-attachment = Ticket #{ $ticket } has no attachment { $id }; refresh it and try again.
desk-notice-title = Ticket #{ $ticket }: { $subject }
desk-notice-new-reply = There is a new reply.

## The desktop

desk-file-manager-not-opened = The file manager did not open { $path }: { $reason }.
desk-clipboard-failed = The clipboard did not take the text: { $reason }.
desk-no-program-opened = No program opened { $path }: { $reason }.
desk-file-manager-not-shown = The file manager did not show { $path }: { $reason }.
desk-dialog-save-downloads = Save downloads to
desk-dialog-photo = Choose a profile photo
desk-dialog-pictures = Pictures (PNG, JPEG, WebP)
desk-dialog-kit-folder = Keep this folder in sync with the Partner Kit
desk-dialog-recovery-codes = Save your recovery codes
desk-dialog-text-files = Text
desk-dialog-attach = Attach files
desk-saving-failed = saving failed

## Nothing kept on this computer yet

desk-contacts-never-fetched = this organization's contacts were never fetched on this computer
desk-profile-never-fetched = the profile was never fetched on this computer
desk-settings-never-fetched = the settings were never fetched on this computer
desk-kit-never-read = the Partner Kit was never read on this computer
desk-kit-file-not-listed = file { $id } is not in the Partner Kit as last read; refresh the kit
desk-kit-file-nameless = a kit file without a name
desk-not-a-folder = { $path } is not a folder
desk-no-kit-folder = no folder is kept in sync with the Partner Kit
desk-dialog-not-opened = cannot open the file dialog
desk-dialog-did-not-open = the file dialog did not open

## Files downloaded earlier

desk-file-missing = { $name } is no longer at { $place }: it was moved or deleted. Download it again to get it back.
desk-staff-reply = reply as the vendor
desk-notification-open = Open ticket
desk-no-update-offered = There is no update to install. Look for one again.
desk-kept-screen-too-large = The first screen is too large to keep for the next start ({ $size } bytes; at most { $limit }).
