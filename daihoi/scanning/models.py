"""Models of daihoi.scanning."""
