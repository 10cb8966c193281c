"""Renderers of official documents shared by the apps: PDF, DOCX and XLSX.

Everything here is a pure function of plain data (no database queries), so a
feature builds its data first and hands it over. ``common`` holds what every
format shares (Vietnamese number and date wording, the party header); the
format modules hold their own table and header helpers; ``fonts`` embeds the
DejaVu faces that carry every Vietnamese letter.
"""
