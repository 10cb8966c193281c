"""Models of daihoi.grading."""
