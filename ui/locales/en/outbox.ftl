# Portal Desk's page, in English: the Outbox (changes made offline).

## The Outbox panel

outbox-settle-profile = Choose between yours and theirs in My Profile → My Details.
outbox-settle-settings = Choose, setting by setting, in My Profile → Settings.
outbox-settle-contacts = See what changed, and send them on the list as it is now, in Contacts.
# $where is one of the outbox-settle- messages.
outbox-conflict-settle = Changed on the portal meanwhile. { $where }
outbox-conflict = Changed on the portal meanwhile: { $message }
outbox-refused = The portal refused it: { $message }
outbox-refused-fields = The portal refused it: { $message } ({ $fields })
outbox-waiting = Waiting to send
outbox-sent = { $count ->
    [one] 1 change was sent.
   *[other] { $count } changes were sent.
}
outbox-not-sent-yet = Not sent yet: { $reason }
outbox-need-you = { $count ->
    [one] 1 change needs you; see below.
   *[other] { $count } changes need you; see below.
}
outbox-nothing-waited = Nothing waited to be sent.

## The panel and signing out with changes waiting

outbox-title = Outbox
outbox-withdrawn = Withdrawn: { $title }.
outbox-edit-saved = Saved: the change waits to be sent.
outbox-subject = Subject
outbox-message = Message
outbox-with-files = With { $files }
outbox-reopen = Send it, opening #{ $ticket } again
outbox-as-new-ticket = Raise it as a new ticket
outbox-edit = Edit
outbox-signout-discard-ask = { $count ->
    [one] Discard 1 change for good? It is never sent.
   *[other] Discard { $count } changes for good? They are never sent.
}
outbox-signout-discard = Discard and sign out
outbox-signout-ask = { $count ->
    [one] 1 change waits to be sent. Signing out keeps it on this computer for the next time you sign in here, unless you discard it.
   *[other] { $count } changes wait to be sent. Signing out keeps them on this computer for the next time you sign in here, unless you discard them.
}
outbox-signout-keep = Keep and sign out
outbox-signout-discard-first = Discard…
outbox-signout-stay = Stay signed in
outbox-intro = Changes made while { $portal } could not be reached. They are sent in this order when it answers again, each once.
outbox-reading = Reading the outbox…
outbox-send-now = Send now

## The panel, empty

outbox-empty = Nothing waits to be sent.
