# Portal Desk's client core: error messages (English).
# Variables are filled in by the core: $origin is a portal's address,
# $reason a few words on why (already in the language shown).

-portal-desk = Portal Desk

error-unreachable = Cannot reach { $origin }: { $reason }.
error-timeout = { $origin } did not answer in time. Try again.
error-not-a-portal = { $origin } answered, but not like a customer portal ({ $what }). Check the portal address.
error-keyring-unavailable = No system keyring is available to keep you signed in ({ $reason }). You stay signed in only until the app quits; install and unlock a keyring such as GNOME Keyring or KWallet to stay signed in.
error-keyring = The system keyring failed: { $reason }.
error-mfa-required = Enter the 6-digit code from your authenticator app, or one of your recovery codes.
error-destination = Cannot save the file: { $reason }.
error-cancelled = Cancelled.
error-local-data = { -portal-desk }'s local data failed: { $reason }.

error-language-unknown = { -portal-desk } has no language “{ $code }”.

# Why a connection failed, as $reason above.
reason-name-not-found = the name could not be looked up
reason-connection-failed = the connection failed
reason-certificate-not-trusted = its HTTPS certificate is not trusted
reason-tls-failed = the secure connection failed ({ $detail })
reason-connection-refused = nothing is answering there (connection refused)
reason-connection-reset = the connection was reset
reason-no-route = there is no route to it (is the network up?)
reason-connect-timed-out = connecting took too long
