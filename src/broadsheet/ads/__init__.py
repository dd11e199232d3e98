"""Advertising: the ad slots declared once, and (later) the units that fill them."""
