"""The demo newsroom's data: an invented city, its paper, its staff, stories and pictures.

Everything here was written or drawn for this project; the city of Merrowport, its people,
companies and institutions are fictional.
"""
