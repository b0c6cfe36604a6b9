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
