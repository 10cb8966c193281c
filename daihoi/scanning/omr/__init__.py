"""Optical mark reading of ballot scans: pure NumPy/OpenCV, no Django (see types.py)."""
