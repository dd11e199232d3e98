"""Broadsheet: the newsroom's CMS and the readers' news site in one Django project."""
