# Portal Desk's core, in German: client.

## Files and folders on this computer

size-bytes = { $count ->
    [one] 1 Byte
   *[other] { $count } Bytes
}
disk-not-enough-space = in { $folder } ist nicht genug Platz frei: Die Datei braucht { $needed }, frei sind { $free }
io-cannot-create = { $path } kann nicht angelegt werden: { $reason }
io-cannot-flush = { $path } kann nicht auf die Festplatte geschrieben werden: { $reason }
io-cannot-measure = der freie Platz von { $path } kann nicht ermittelt werden: { $reason }
io-cannot-open = { $path } kann nicht geöffnet werden: { $reason }
io-cannot-read = { $path } kann nicht gelesen werden: { $reason }
io-cannot-remove = { $path } kann nicht entfernt werden: { $reason }
io-cannot-replace = { $path } kann nicht ersetzt werden: { $reason }
io-cannot-save = { $path } kann nicht gespeichert werden: { $reason }
io-cannot-write-in = in { $path } kann nicht geschrieben werden: { $reason }
io-cannot-write = { $path } kann nicht geschrieben werden: { $reason }
io-cannot-keep-copy-in = in { $path } kann keine Kopie abgelegt werden: { $reason }
io-cannot-keep-copy-of = von { $path } kann keine Kopie behalten werden: { $reason }
io-too-large = die Datei ist größer, als dieses Dateisystem oder eine Grenze erlaubt
io-disk-full = die Festplatte ist voll
io-quota = Ihr Speicherkontingent ist aufgebraucht
io-permission-denied = keine Berechtigung
io-read-only = die Festplatte ist schreibgeschützt
io-in-use = ein anderes Programm verwendet sie; schließen Sie dieses Programm und versuchen Sie es erneut

## Contacts: what changed on the portal meanwhile

contacts-was-added = { $name } ({ $email }) wurde als { $roles } hinzugefügt.
contacts-roles-changed = { $name }: Rollen { $before } → { $after }.
contacts-no-roles = keine
contacts-details-changed = { $name }: Kontaktdaten geändert.
contacts-customers-changed = { $name }: zugewiesene Kunden geändert.
contacts-notifications-changed = { $name }: Benachrichtigungseinstellungen geändert.
contacts-activated = { $name } hat das Konto aktiviert.
contacts-no-longer = { $name } ({ $email }) ist kein Kontakt mehr.
contacts-request-made = { $who } hat Kontaktänderungen beantragt (Ticket #{ $ticket }).
contacts-request-done = Der Antrag aus Ticket #{ $ticket } wurde umgesetzt oder storniert.
contacts-roles-catalogue-changed = Der Rollenkatalog hat sich geändert.

## The outbox

outbox-title-profile = Änderungen an Meine Daten
outbox-title-settings = Änderungen an den Einstellungen
outbox-title-reply = Antwort auf Ticket #{ $ticket }
outbox-title-new-ticket = Neues Ticket „{ $subject }“
outbox-title-cancel = Ticket #{ $ticket } stornieren
outbox-title-username = Benutzernamen ändern in { $email }
outbox-title-contacts = { $count ->
    [one] 1 Kontaktänderung
   *[other] { $count } Kontaktänderungen
}
outbox-write-something = Schreiben Sie etwas, das gesendet werden soll.
field-too-long = Verwenden Sie höchstens { $max } Zeichen.
outbox-enter-subject = Sagen Sie in wenigen Worten, worum es geht.
outbox-not-saved = Die Änderung wurde nicht gespeichert; siehe die Hinweise bei den Feldern.
outbox-only-words-edited = Hier lässt sich nur der Text einer wartenden Antwort oder eines neuen Tickets bearbeiten.
outbox-only-reply-reopens = Nur eine wartende Antwort kann ihr Ticket wieder öffnen.
outbox-only-reply-new-ticket = Nur eine wartende Antwort kann zu einem neuen Ticket werden.
outbox-follow-up-subject = Nachtrag zu #{ $ticket }: { $subject }
outbox-follow-up = Nachtrag zu #{ $ticket }
outbox-no-such-item = Im Postausgang wartet nichts mit der Nummer { $id }.

## The portal address

url-enter = Geben Sie die Adresse Ihres Portals ein, zum Beispiel https://portal.example.com.
url-not-web-address = „{ $input }“ ist keine Webadresse. Geben Sie sie wie https://portal.example.com ein.
url-no-credentials = Lassen Sie Benutzernamen und Passwort aus der Portaladresse weg; { -portal-desk } fragt getrennt danach.
url-insecure = { -portal-desk } verbindet sich mit Portalen nur über https://, damit Ihr Passwort und Ihre Sitzung unterwegs nicht mitgelesen werden können; http:// ist nur für ein Portal auf diesem Computer erlaubt. Versuchen Sie https://{ $host }.
url-other-scheme = „{ $scheme }://“ ist keine Webadresse; verwenden Sie https://.

## Downloads

download-gave-up = Der Download wurde nach { $attempts } Versuchen angehalten: { $reason }. Versuchen Sie es erneut, um ihn fortzusetzen.
download-other-part = das Portal hat einen anderen Teil der Datei gesendet
download-part-too-long = der Teil auf der Festplatte war länger als die Datei
download-busy-wait = { $minutes ->
    [one] Das Portal ist ausgelastet und bittet, 1 Minute zu warten. Versuchen Sie es später erneut.
   *[other] Das Portal ist ausgelastet und bittet, { $minutes } Minuten zu warten. Versuchen Sie es später erneut.
}
download-busy = das Portal ist ausgelastet ({ $status })
download-portal-failed = das Portal hat einen Fehler gemeldet ({ $status })
download-stalled = die Übertragung stockte (unter { $kilobytes } KB in { $seconds } s)
download-more-than-size = Das Portal hat mehr als die { $total } Bytes gesendet, die es als Größe dieser Datei angegeben hat, daher wurde der Download angehalten. Nichts wurde gespeichert.
download-connection-broke = die Verbindung brach ab ({ $reason })
download-short = das Portal hat { $sent } von { $total } Bytes gesendet
download-size-mismatch = Das Portal hat diese Datei mit { $listed } Bytes aufgeführt, sendet aber { $sent }. Nichts wurde gespeichert; aktualisieren Sie die Liste und versuchen Sie es erneut.
download-no-size = Das Portal hat nicht angegeben, wie groß die Datei ist, daher wurde sie nicht heruntergeladen.
download-no-answer = das Portal hat nicht rechtzeitig geantwortet

## Downloads: the part file

download-already-running = Diese Datei wird bereits nach { $folder } heruntergeladen; warten Sie, bis dieser Download fertig ist.
download-damaged = Die Datei kam beschädigt an: Ihr SHA-256 stimmt nicht mit dem überein, den das Portal angegeben hat. Nichts wurde gespeichert; versuchen Sie es erneut.

## Sending the outbox

outbox-contacts-changed = Die Kontaktliste hat sich geändert, seit diese Änderungen gemacht wurden.
outbox-copy-gone = Die zum Senden aufbewahrte Kopie von „{ $name }“ fehlt oder ist beschädigt; hängen Sie die Datei erneut an.
outbox-attach-again = Hängen Sie „{ $name }“ erneut an.
outbox-resolved-meanwhile = Ticket #{ $ticket } wurde inzwischen gelöst: Wenn Sie diese Antwort senden, wird es wieder geöffnet.
outbox-file-changed = „{ $name }“ hat sich geändert, nachdem es eingereiht wurde; gesendet wurde die damals erstellte Kopie.
outbox-file-gone = „{ $name }“ wurde gelöscht oder verschoben, nachdem es eingereiht wurde; gesendet wurde die damals erstellte Kopie.

## Waiting requests that need a password

outbox-no-keyring = Dieser Antrag kann nicht auf das Portal warten: Das nötige Passwort kann nur im Schlüsselbund des Systems aufbewahrt werden, und keiner antwortet. Senden Sie ihn, wenn das Portal erreichbar ist.
outbox-password-gone = Das für diesen Antrag aufbewahrte Passwort ist nicht mehr im Schlüsselbund des Systems. Ziehen Sie ihn zurück und stellen Sie ihn neu.

## Opening downloaded files

open-refused-type = { -portal-desk } öffnet keine .{ $extension }-Dateien: Sie können Programme ausführen. Prüfen Sie, woher die Datei stammt, und öffnen Sie sie dann aus ihrem Ordner, wenn Sie ihr vertrauen.
open-refused-no-type = { -portal-desk } öffnet keine Dateien ohne bekannten Dokumenttyp. Prüfen Sie, woher die Datei stammt, und öffnen Sie sie dann aus ihrem Ordner, wenn Sie ihr vertrauen.
open-unreadable = { $name } kann nicht gelesen werden und wird daher nicht geöffnet.
open-program-inside = { $name } ist wie ein Dokument benannt, enthält aber ein Programm, daher öffnet { -portal-desk } es nicht. Fragen Sie den Absender, was es ist.

## The profile photo

photo-cannot-open = { $path } kann nicht geöffnet werden: { $reason }.
photo-cannot-read = { $path } kann nicht gelesen werden: { $reason }.
photo-too-large = Das Bild ist { $size } groß; wählen Sie eines mit höchstens { $most } MB.
photo-wrong-type = Diese Datei ist kein PNG-, JPEG- oder WebP-Bild. Wählen Sie ein Foto in einem dieser Formate.
photo-damaged = Die Bilddatei ist beschädigt oder unvollständig.
photo-too-small = Das Bild hat { $width }×{ $height } Pixel; ein Profilfoto braucht mindestens { $least }×{ $least }.
photo-too-big = Das Bild hat { $width }×{ $height } Pixel; wählen Sie eines mit höchstens { $most } Pixeln Kantenlänge.

## Sessions

signout-portal-not-told = Auf diesem Computer abgemeldet, aber das Portal konnte nicht benachrichtigt werden ({ $reason }); die Sitzung dort endet von selbst.
session-not-accepted = Das Portal akzeptiert diese Sitzung nicht mehr. Melden Sie sich erneut an.
session-signed-out = Diese Sitzung wurde abgemeldet. Melden Sie sich erneut an.

## Sign-in

enter-email = Geben Sie Ihre E-Mail-Adresse ein.

## Updates of Portal Desk

update-the-update = Das Update
update-named = { -portal-desk } { $version }
update-feed-unreachable = Die Update-Quelle ist nicht erreichbar, um nach einer neueren Version von { -portal-desk } zu suchen ({ $detail }). Versuchen Sie es später erneut.
update-not-a-feed = Die Update-Quelle des Portals hat mit etwas geantwortet, das kein Update ist (eine Webseite oder beschädigte Daten). Nichts wurde heruntergeladen; wenden Sie sich an die Administration Ihres Portals.
update-bad-signature = { $update } wurde heruntergeladen, aber nicht installiert: Die Signatur stimmt nicht mit der überein, der { -portal-desk } vertraut, es stammt also vielleicht nicht von den Herstellern von { -portal-desk }. Ihre installierte Version bleibt unverändert.
update-wrong-package = { $update } ist kein Paket, das diese Installation installieren kann. Ihre installierte Version bleibt unverändert.
update-install-failed = { $update } konnte nicht installiert werden ({ $detail }). Ihre installierte Version bleibt unverändert.

## Attachments

attach-missing = „{ $name }“ liegt nicht mehr unter { $path }; wählen Sie die Datei erneut.
attach-unreadable = „{ $name }“ kann nicht gelesen werden: { $reason }.
attach-not-a-file = „{ $name }“ ist keine Datei.
attach-too-large = „{ $name }“ ist zu groß zum Anhängen ({ $size }); das Portal nimmt höchstens { $most } MB pro Datei.
attach-too-many = Hängen Sie höchstens { $most } Dateien an einen Kommentar an ({ $picked } gewählt).
attach-changed = „{ $name }“ hat sich beim Senden geändert; nichts wurde veröffentlicht. Senden Sie erneut, um die neue Fassung anzuhängen.

## Single sign-on

sso-not-offered = { $origin } bietet keine Einmalanmeldung an; melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an.
sso-other-site = Die Einmalanmeldung des Portals verweist auf { $endpoint }, eine andere Website; { -portal-desk } meldet sich nur beim Portal selbst an.
sso-no-port = auf diesem Computer kann kein Port geöffnet werden, zu dem der Browser zurückkehrt
sso-port-unreadable = der für den Browser geöffnete Port kann nicht gelesen werden
sso-port-unnamed = der Port für den Browser kann nicht benannt werden
sso-timed-out = Innerhalb von { $minutes } Minuten kam keine Anmeldung aus dem Browser zurück. Starten Sie sie erneut.
sso-not-accepted = Das Portal hat die Anmeldung aus dem Browser nicht angenommen ({ $reason }). Versuchen Sie es erneut.
sso-no-refresh-token = Die Einmalanmeldung des Portals hat kein Refresh-Token geliefert, daher konnte die Sitzung nicht gehalten werden.
sso-browser-not-started = der Browser { $program } kann nicht gestartet werden
sso-browser-not-opened = der Browser kann nicht geöffnet werden
sso-bad-authorization-address = Die Einmalanmeldung des Portals hat eine unbrauchbare Autorisierungsadresse.
sso-bad-token-address = Die Einmalanmeldung des Portals hat eine unbrauchbare Token-Adresse.
sso-portal-unreachable = das Portal war nicht erreichbar
sso-not-a-sign-in = seine Antwort war keine Anmeldung
sso-port-closed = der Port für den Browser wurde geschlossen
sso-page-signed-in = Bei { -portal-desk } angemeldet
sso-page-signed-in-text = Sie können diesen Tab schließen und zu { -portal-desk } zurückkehren.
sso-page-not-signed-in = Nicht angemeldet
sso-page-not-signed-in-text = Die Anmeldung wurde nicht abgeschlossen. Kehren Sie zu { -portal-desk } zurück, um es erneut zu versuchen.
sso-page-not-found = Nicht gefunden
sso-page-not-found-text = { -portal-desk } wartet an diesem Port auf Ihre Anmeldung; dies ist sie nicht.
sso-cancelled = Die Anmeldung wurde im Browser abgebrochen.
sso-refused = Das Portal hat die Einmalanmeldung abgelehnt: { $reason }

## Talking to the portal

http-another-address = eine andere Adresse
http-redirects-away = es leitet zu { $location } weiter, einer anderen Website, und { -portal-desk } sendet Ihre Anmeldung nicht dorthin
http-portal-failed = Das Portal hat einen Fehler gemeldet ({ $status }). Versuchen Sie es später erneut.
http-portal-refused = Das Portal hat die Anfrage abgelehnt ({ $status }).
http-answer-too-large = eine Antwort, größer als jede Antwort der API
http-no-json = kein JSON
http-web-page = eine Webseite statt der Portal-API
http-other-json = JSON, das nicht die Portal-API ist
http-other-type = { $type } statt JSON

## Lists the portal sends page by page

list-too-many-items = eine Liste mit mehr als { $most } Einträgen
list-too-many-pages = eine Liste, die nach { $most } Seiten nicht endete
list-too-large = eine Liste größer als { $megabytes } MB
list-always-changing = eine Liste, die sich bei jedem Lesen geändert hat ({ $times }-mal)
list-same-page-again = eine Liste, deren nächste Seite dieselbe Seite ist

## Knowledge Base: pictures in articles

kb-image-too-large = größer als { $megabytes } MB
kb-image-gone = das Portal hat es nicht mehr
kb-image-more-bytes = es kamen mehr Bytes, als der Artikel angibt
kb-image-other-bytes = seine Bytes sind nicht die, die der Artikel angibt
kb-image-not-an-image = kein PNG-, JPEG-, GIF- oder WebP-Bild (das Portal sagte „{ $declared }“)

## Partner Kit

kit-folder-gone = der Ordner { $folder } ist nicht mehr da: Legen Sie ihn an oder wählen Sie einen anderen, dann synchronisieren Sie erneut; nichts wurde geändert
kit-files-stay = { $message } Die Dateien, die bereits in { $folder } liegen, bleiben dort.
kit-other-bytes = das Portal hat andere Bytes gesendet, als das Kit angibt (es hat sich vielleicht inzwischen geändert); bei der nächsten Synchronisierung wird es erneut versucht

## This computer's copy of an account

store-newer-version = { $path } wurde von einer neueren Version von { -portal-desk } geschrieben; aktualisieren Sie { -portal-desk }, um dieses Konto auf diesem Computer zu verwenden

## Saving files under their names

publish-too-many-alike = in { $folder } liegen bereits { $count } Dateien mit Namen wie { $name }

## Library titles

library-attachment-title = Ticket #{ $ticket } · { $name }

## Not signed in

session-not-signed-in = Sie sind nicht angemeldet. Melden Sie sich zuerst an.
session-not-signed-in-to-as = Sie sind nicht bei { $portal } als { $email } angemeldet. Melden Sie sich zuerst an.
session-not-signed-in-demo = Sie sind hier nicht angemeldet: Das Demo-Portal läuft nur in der App { -portal-desk }. Melden Sie sich zuerst an.
session-not-signed-in-as = Sie sind auf diesem Computer nicht als { $who } angemeldet (siehe die Konten mit `pdesk accounts`). Melden Sie sich zuerst an.
session-not-signed-in-ambiguous = Sie sind nicht nur bei einem Portal als { $who } angemeldet: Nennen Sie auch das Portal, als EMAIL@ORIGIN (siehe `pdesk accounts`). Melden Sie sich zuerst an.

## Library titles of documents

document-kind-quote = Angebot
document-kind-invoice = Rechnung
library-document-title = { $kind } { $number }

## Files of this computer

accounts-file-damaged = { $path } ist beschädigt ({ $reason }); verschieben Sie die Datei, um neu zu beginnen
folder-missing = der Ordner { $path } existiert nicht
dirs-no-home = der Benutzerordner dieses Benutzers konnte nicht ermittelt werden
