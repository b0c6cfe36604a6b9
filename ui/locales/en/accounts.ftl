# Portal Desk's page, in English: accounts.

## The account menu

accounts-unread = { $count ->
    [one] 1 ticket with new replies
   *[other] { $count } tickets with new replies
}
accounts-unread-elsewhere = { $count ->
    [one] 1 ticket with new replies in your other accounts
   *[other] { $count } tickets with new replies in your other accounts
}
accounts-email-at-portal = { $email } · { $portal }
accounts-signed-out = Signed out
accounts-remove-question = Remove { $email } from this computer? Its session here ends. { -portal-desk } can also delete what it keeps of it here (cached lists, the library’s records); files you saved stay in your folders.
accounts-remove-waiting = { $count ->
    [one] { " " }1 change waits in its outbox, not sent: deleting its data discards it; kept, it is sent if you add the account again.
   *[other] { " " }{ $count } changes wait in its outbox, not sent: deleting its data discards them; kept, they are sent if you add the account again.
}
accounts-remove-delete = Remove and delete its data
accounts-remove-keep = Remove, keep its data
accounts-loading = Loading accounts…
accounts-add = Add account…
accounts-sign-out = Sign out of this account
accounts-remove = Remove this account from this computer…
accounts-label = Accounts
