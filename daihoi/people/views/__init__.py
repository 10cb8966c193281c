"""Pages of the member registry: members (list, detail, forms) and the Excel page."""
