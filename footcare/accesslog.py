"""gunicorn's access log without the secrets that some addresses carry (footcare/logmask.py).

The project's gunicorn.conf.py names this logger, so whatever access-log format a deployment
chooses, a token in a path reads `[hidden]`: in the request line, the path, the referrer (a
page opened from a link sends it with its next request), a redirect's Location and any
header or environment value.
"""

from gunicorn.glogging import Logger

from footcare.logmask import mask_secrets


class MaskedLogger(Logger):
    def atoms(self, resp: object, req: object, environ: dict, request_time: object) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            name: mask_secrets(value) if isinstance(value, str) and "/" in value else value
            for name, value in atoms.items()
        }
