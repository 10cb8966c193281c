"""Models of daihoi.preparation."""
