# gunicorn reads this file from the directory it is started in (the project's), whatever
# its command line says: `gunicorn footcare.wsgi --bind 127.0.0.1:8000 --workers 2`.

# The access log (when a deployment turns it on with --access-logfile) hides the tokens
# in share, confirmation, unsubscribe and password-reset addresses: footcare/accesslog.py.
logger_class = "footcare.accesslog.MaskedLogger"
