# Portal Desk's client core: error messages (German).
# Variables are filled in by the core: $origin is a portal's address,
# $reason a few words on why (already in the language shown).

-portal-desk = Portal Desk

error-unreachable = { $origin } ist nicht erreichbar: { $reason }.
error-timeout = { $origin } hat nicht rechtzeitig geantwortet. Versuchen Sie es erneut.
error-not-a-portal = { $origin } hat geantwortet, aber nicht wie ein Kundenportal ({ $what }). Prüfen Sie die Portaladresse.
error-keyring-unavailable = Es ist kein Schlüsselbund des Systems verfügbar, der Sie angemeldet hält ({ $reason }). Sie bleiben nur angemeldet, bis die App beendet wird; installieren und entsperren Sie einen Schlüsselbund wie GNOME Keyring oder KWallet, um angemeldet zu bleiben.
error-keyring = Der Schlüsselbund des Systems hat einen Fehler gemeldet: { $reason }.
error-mfa-required = Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein.
error-destination = Die Datei kann nicht gespeichert werden: { $reason }.
error-cancelled = Abgebrochen.
error-local-data = { -portal-desk } konnte seine lokalen Daten nicht lesen oder schreiben: { $reason }.

error-language-unknown = { -portal-desk } gibt es nicht in der Sprache „{ $code }“.

# Why a connection failed, as $reason above.
reason-name-not-found = der Name konnte nicht aufgelöst werden
reason-connection-failed = die Verbindung ist fehlgeschlagen
reason-certificate-not-trusted = seinem HTTPS-Zertifikat wird nicht vertraut
reason-tls-failed = die sichere Verbindung ist fehlgeschlagen ({ $detail })
reason-connection-refused = dort antwortet nichts (Verbindung abgelehnt)
reason-connection-reset = die Verbindung wurde zurückgesetzt
reason-no-route = es gibt keinen Weg dorthin (ist das Netzwerk verbunden?)
reason-connect-timed-out = der Verbindungsaufbau hat zu lange gedauert
