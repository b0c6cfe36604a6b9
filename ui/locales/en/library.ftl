# Portal Desk's page, in English: the Library, the Knowledge Base and the
# Partner Kit.

## Knowledge Base

kb-vote-thanks = Thanks for telling us. { $yes } of { $total ->
    [one] 1 person
   *[other] { $total } people
} found this helpful.

## Partner Kit

kit-sync-added = { $count } added
kit-sync-updated = { $count } updated
kit-sync-restored = { $count } restored
kit-sync-kept-beside = { $count ->
    [one] 1 file you changed kept, the kit’s version saved beside
   *[other] { $count } files you changed kept, the kit’s version saved beside
}
kit-sync-removed = { $count ->
    [one] 1 file no longer in the kit (kept in your folder)
   *[other] { $count } files no longer in the kit (kept in your folder)
}
kit-sync-failed = { $count ->
    [one] 1 file not synced
   *[other] { $count } files not synced
}
kit-sync-up-to-date = Up to date ({ $count ->
    [one] 1 file
   *[other] { $count } files
}).
# $parts are the kit-sync- parts above, joined by kit-sync-separator.
kit-sync-summary = { $parts }.
kit-sync-separator = {"; "}
kit-sync-detail-kept-beside = You changed { $yours }: the kit’s new version is { $kits }.
kit-sync-detail-removed = No longer in the kit, still in your folder: { $path }.
kit-sync-detail-failed = Not synced: { $reason }

## Library

library-viewed = { $file } · { $size } · viewed { $ago }
library-saved = { $file } · { $size } · saved { $ago }
library-missing = Missing
library-intro = Every file { -portal-desk } downloaded or opened for you. They open here even without a connection.
library-search-hint = Title or file name
library-loading = Loading the library…
library-empty = Nothing here yet: files you download or view appear here.

## Knowledge Base screen

kb-link-opened = Opened { $url } in your browser.
kb-mail-link-opened = Opened a new message to { $address } in your e-mail program.
kb-article-place = { $place } · updated { $date }
kb-vote-question = Was this helpful?
kb-vote-yes = Yes
kb-vote-no = No
kb-vote-waiting = Your answer waits in the outbox.
kb-intro = Answers from the support team, kept on this computer: search them before you raise a ticket.
kb-search-hint = Keywords
kb-category = Category
kb-all-categories = All categories
kb-tag-clear = Show every tag again
kb-loading = Loading the knowledge base…
kb-empty = No article matches. Try fewer words, or raise a ticket.
kb-articles = Articles

## Partner Kit screen

kit-downloading-folder = { $count ->
    [one] Downloading 1 file of { $folder } into Downloads.
   *[other] Downloading { $count } files of { $folder } into Downloads.
}
kit-downloaded-folder-saved = { $count ->
    [one] 1 file of { $folder } saved into Downloads.
   *[other] { $count } files of { $folder } saved into Downloads.
}
kit-downloaded-folder-saved-some = { $count ->
    [one] The file of { $folder } was not saved: the Downloads panel says why.
   *[other] { $saved } of { $count } files of { $folder } saved into Downloads: the Downloads panel says what stopped the others.
}
kit-downloaded-folder-cancelled = { $saved ->
    [0] Cancelled: no file of { $folder } saved.
   *[other] Cancelled: { $saved } of { $count } files of { $folder } saved into Downloads.
}
kit-file-line = { $size } · version { $version } · { $date }
kit-preview = Preview
kit-preview-named = Preview { $name }
kit-download-named = Download { $name }
kit-download-folder = Download folder
kit-download-folder-named = Download folder { $folder }
kit-syncing = Syncing…
kit-syncing-progress = Syncing… { $done } of { $total } files looked at
kit-sync-label = Keep a folder in sync
kit-synced-with-before = Kept in sync with{ " " }
kit-synced-with-after = . New and updated files arrive at each update check; a file you changed is never replaced, and files taken out of the kit stay.
kit-sync-now = Sync now
kit-sync-stop = Stop keeping in sync
kit-sync-intro = Keep a folder on this computer in sync with the kit: files arrive there and stay current, and your own changes are never replaced.
kit-sync-choose = Keep a folder in sync…
kit-history = Sync history
kit-intro = Marketing material from the vendor for partners: logos, brochures and brand guidelines.
kit-loading = Loading the Partner Kit…
kit-empty = The Partner Kit is empty.
kit-files = Files of the Partner Kit
