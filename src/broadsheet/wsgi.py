"""The WSGI application that `broadsheet serve` hands to the production server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.conf.settings")
application = get_wsgi_application()
