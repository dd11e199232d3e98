"""Turning copy from outside (pasted wire text, web pages, feeds, wire formats, WordPress) into stories."""
