"""Schemathesis hooks of the contract run's second part: the operations
that sign in, refresh, sign out and change passwords or two-step sign-in,
which would end the session of the first part.

Every case gets a session of its own: an operation that needs one is sent
with the access token of a fresh sign-in. A case the generator meant to be
valid also gets the secrets a schema cannot know: the user's password as
the current password, and a live refresh token. A password a case changed
is changed back at once, so the next case can sign in again.
"""

import base64
import hashlib
import os
import urllib.parse

import requests
import schemathesis

import hooks  # noqa: F401  (the image media types)

PORTAL = os.environ["CONTRACT_PORTAL"].rstrip("/")
EMAIL = os.environ["CONTRACT_EMAIL"]
PASSWORD = os.environ["CONTRACT_PASSWORD"]

SIGNED_IN_OPERATIONS = {
    "POST /api/v1/me/password",
    "POST /api/v1/me/username-change",
    "POST /api/v1/me/mfa/setup",
    "POST /api/v1/me/mfa/enable",
    "POST /api/v1/me/mfa/disable",
}
REFRESH_TOKEN_OPERATIONS = {"POST /api/v1/auth/refresh", "POST /api/v1/auth/logout"}
# Single sign-on: a code is live for a minute and works once, so a case the
# generator meant to be valid gets one made for it, by signing in on the
# portal's page with this verifier.
VERIFIER = "contract-run-verifier-of-forty-three-or-more-characters"
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).decode().rstrip("=")


def _live_code(redirect_uri):
    answer = requests.post(
        f"{PORTAL}/oauth/authorize",
        data={
            "response_type": "code",
            "client_id": "portal-desk",
            "redirect_uri": redirect_uri,
            "state": "contract",
            "code_challenge": CHALLENGE,
            "code_challenge_method": "S256",
            "action": "sign_in",
            "email": EMAIL,
            "password": PASSWORD,
        },
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 303, answer.text
    query = urllib.parse.urlparse(answer.headers["Location"]).query
    return urllib.parse.parse_qs(query)["code"][0]


def _fresh_session():
    answer = requests.post(
        f"{PORTAL}/api/v1/auth/login",
        json={"email": EMAIL, "password": PASSWORD},
        timeout=30,
    )
    answer.raise_for_status()
    return answer.json()


def _is_positive(case):
    meta = getattr(case, "meta", None)
    mode = getattr(getattr(meta, "generation", None), "mode", None)
    return mode is not None and str(mode.value) == "positive"


@schemathesis.auth(refresh_interval=None).apply_to(path_regex="^/api/v1/me/")
class FreshSession:
    """A sign-in of its own for every case that needs a session (the auth
    checks leave it out where they test a missing or wrong token)."""

    def get(self, case, context):
        return _fresh_session()["access_token"]

    def set(self, case, data, context):
        case.headers = dict(case.headers or {})
        case.headers["Authorization"] = f"Bearer {data}"


@schemathesis.hook
def before_call(context, case, kwargs):
    label = case.operation.label
    if os.environ.get("CONTRACT_DEBUG"):
        meta = getattr(case, "meta", None)
        print("CASE", label, getattr(getattr(meta, "generation", None), "mode", None), case.body, flush=True)
    if not (_is_positive(case) and isinstance(case.body, dict)):
        return
    if label in SIGNED_IN_OPERATIONS and "current_password" in case.body:
        case.body["current_password"] = PASSWORD
    elif label in REFRESH_TOKEN_OPERATIONS:
        case.body["refresh_token"] = _fresh_session()["refresh_token"]
    elif label in ("POST /api/v1/auth/login", "POST /oauth/authorize"):
        case.body["email"] = EMAIL
        case.body["password"] = PASSWORD
        # A made-up second-step challenge ends in "sign in again" (401).
        case.body.pop("mfa_challenge", None)
    elif label == "POST /api/v1/auth/oauth/token":
        redirect_uri = "http://127.0.0.1:53682/callback"
        case.body.update(
            grant_type="authorization_code",
            client_id="portal-desk",
            redirect_uri=redirect_uri,
            code=_live_code(redirect_uri),
            code_verifier=VERIFIER,
        )


@schemathesis.hook
def after_call(context, case, response):
    if case.operation.label != "POST /api/v1/me/password" or response.status_code != 204:
        return
    # The case changed the password: change it back with the same session,
    # which a password change leaves signed in.
    restored = requests.post(
        f"{PORTAL}/api/v1/me/password",
        headers={"Authorization": case.headers["Authorization"]},
        json={"current_password": case.body["new_password"], "new_password": PASSWORD},
        timeout=30,
    )
    restored.raise_for_status()
