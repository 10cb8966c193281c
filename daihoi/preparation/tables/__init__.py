"""The app's tables, split by concept; `daihoi.preparation.models` re-exports them."""
