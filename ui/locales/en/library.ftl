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
