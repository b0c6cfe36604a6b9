"""Schemathesis hooks of the contract run (`cargo xtask test`).

The document says a profile photo is a PNG, JPEG or WebP file of 80 to
4096 pixels a side; a schema cannot say "a decodable image", so real
images of those kinds are generated here for the photo upload. And each
case gets an `Idempotency-Key` of its own (see the hook below).
"""

import io
import uuid

import schemathesis
from hypothesis import strategies as st
from PIL import Image


def _image(image_format):
    def encode(width, height, color):
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), color).save(buffer, format=image_format)
        return buffer.getvalue()

    side = st.integers(min_value=80, max_value=640)
    channel = st.integers(min_value=0, max_value=255)
    return st.builds(encode, side, side, st.tuples(channel, channel, channel))


for media_type, image_format in (
    ("image/png", "PNG"),
    ("image/jpeg", "JPEG"),
    ("image/webp", "WEBP"),
):
    schemathesis.openapi.media_type(media_type, _image(image_format))


# `Idempotency-Key` names one request: a repeat with the same key is
# answered with the first answer (or refused at another address). The
# generator draws keys from a small space and repeats them across cases that
# are different requests, which no client may do; each case that carries a
# well-formed key gets one of its own. Malformed keys are left as drawn, for
# the portal to refuse.
@schemathesis.hook
def before_call(ctx, case, **kwargs):
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key":
            value = headers[name]
            if isinstance(value, str) and 0 < len(value) <= 255 and all("!" <= c <= "~" for c in value):
                headers[name] = str(uuid.uuid4())
