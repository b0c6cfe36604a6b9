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
