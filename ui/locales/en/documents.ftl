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

## The Downloads panel

downloads-title = Downloads
downloads-open = Open
downloads-show-in-folder = Show in folder
downloads-missing = Moved or deleted
downloads-stopped = Stopped
downloads-saved-at = { $size } · { $path }
downloads-retry = Retry
downloads-again = Download again
downloads-more = { $count ->
    [one] 1 more download
   *[other] { $count } more downloads
}: { $saved } saved, { $waiting } to go, { $stopped } stopped.
downloads-cancel-all = Cancel all
# Said to screen readers when one download fails; $reason is why.
downloads-failed-one = { $title } stopped: { $reason }
# Said to screen readers when several downloads fail together ($count is 2 or more).
downloads-failed-many = { $count } downloads stopped: the Downloads panel lists them first.
downloads-earlier = Earlier
# "Quote Q-1042": $kind is document-kind-.
downloads-document-title = { $kind } { $number }

## The Downloads panel, empty

downloads-none = Nothing downloaded yet.

## Document lists (My Payments, Payments Manager)

documents-column-number = Number
documents-column-issued_on = Issued
documents-column-due_on = Due
documents-column-amount = Amount
documents-column-status = Status
documents-column-what = What
documents-column-actions = Actions
documents-downloading-all = { $count ->
    [one] Downloading 1 document into { $folder }.
   *[other] Downloading { $count } documents into { $folder }.
}
documents-downloaded-all-saved = { $count ->
    [one] 1 document saved into { $folder }.
   *[other] { $count } documents saved into { $folder }.
}
documents-downloaded-all-saved-some = { $count ->
    [one] The document was not saved into { $folder }: the Downloads panel says why.
   *[other] { $saved } of { $count } documents saved into { $folder }: the Downloads panel says what stopped the others.
}
documents-downloaded-all-cancelled = { $saved ->
    [0] Download all cancelled: nothing saved into { $folder }.
   *[other] Download all cancelled: { $saved } of { $count } documents saved into { $folder }.
}
documents-download-all = Download all…
documents-none-match = No documents match these filters.
documents-preparing = Preparing { $count ->
    [one] 1 document
   *[other] { $count } documents
}…
documents-kind = Kind
documents-all = All
documents-quotes = Quotes
documents-invoices = Invoices
documents-year = Year
documents-search-hint = Number, title or file name
documents-save-to = Save to…
documents-checking = As last synced { $ago }; checking for changes…
documents-as-synced = Showing the list as last synced { $ago }.
documents-offline = Offline: showing the list as last synced { $ago }. Downloaded files open from the Library.
documents-loading = Loading documents…
documents-empty = No quotes or invoices yet.
