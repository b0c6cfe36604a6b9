# Portal Desk's page, in English: tickets.

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

## Writing a ticket or a reply

compose-draft-back = Your unsent draft is back.
compose-related = Related articles
compose-related-intro = These articles may answer it already:
compose-enter-subject = Say in a few words what it is about.
compose-remove-file = Remove
compose-for = For
compose-me = Me personally
compose-description = Description
compose-your-reply = Your reply
compose-attach = Attach files…
compose-raise = Raise ticket
compose-send-reply = Send reply

## The Tickets screen

tickets-reply-sent = Your reply was sent.
tickets-raised = Ticket #{ $ticket } was raised.
tickets-cancelled = Request #{ $ticket } was cancelled.
tickets-demo-replied = The demo support team replied. { -portal-desk } notices it at its next check for updates.
tickets-watch-stopped = Not checking for updates right now: { $reason }
tickets-notification-failed = A notification could not be shown: { $reason }
tickets-none-match = No tickets match.
tickets-loading = Loading tickets…
ticket-number = #{ $ticket }
tickets-new-reply = New reply
tickets-updated = updated { $ago }
tickets-offline = Offline: these are the tickets as of { $ago }.
tickets-show = Show
tickets-search-hint = Search number, subject, organization
tickets-search = Search tickets
tickets-new = New ticket
tickets-poll-before = Check for updates every
tickets-poll-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
tickets-attachment-line = { " " }{ $size } · saves as{ " " }
tickets-choose = Choose a ticket to read its conversation.
tickets-loading-conversation = Loading the conversation…
tickets-raised-by-you = raised by you on { $when }
tickets-raised-by = raised by { $who } on { $when }
tickets-conversation-offline = Offline: this conversation as of { $ago }. Replies need the portal.
tickets-download-all = Download all attachments ({ $count })…
tickets-cancel-request = Cancel request
tickets-demo-reply = Reply as the support team (demo)
tickets-cancel-waiting = Cancelling this request waits in the outbox: it is sent when the portal is reachable. Withdraw it in the Outbox to keep the request.
tickets-cancel-question = Cancel request #{ $ticket }? Support stops working on it, and it cannot be reopened; you can raise a new request later.
tickets-cancel-confirm = Cancel the request
tickets-keep-request = Keep it
tickets-author-you = { " " }(you)
# Marks the vendor's comments (unless the author's name says it already).
tickets-support-team = Support team
tickets-you = You
tickets-closed = This ticket was cancelled and takes no more replies.
