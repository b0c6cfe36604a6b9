# Portal Desk's page, in English: documents.

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

## The viewer

viewer-unsupported = { -portal-desk } cannot show this kind of file. Download it, then open it with another program from the Downloads panel or the Library.

## Payments Manager

payments-manager-none = None of your roles lets you see an organization’s quotes and invoices.
payments-manager-note = Quotes and invoices sent to { $organization }.
