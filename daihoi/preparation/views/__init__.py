"""Pages of the preparation workspace, one module per concept; the delegate portal in portal.py."""
