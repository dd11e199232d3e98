"""The `broadsheet` commands: demo, serve and the demo newsroom's content."""
