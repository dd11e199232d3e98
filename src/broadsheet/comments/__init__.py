"""Readers' comments and replies, their moderation, and the defences against spam and abuse."""
