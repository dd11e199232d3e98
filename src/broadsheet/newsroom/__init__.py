"""The newsroom: the staff CMS, built on a customised Django admin at /newsroom/."""
