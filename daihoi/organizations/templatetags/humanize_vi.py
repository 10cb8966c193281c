"""Numbers as Vietnamese documents write them, whatever the interface language: 60.000; 52,38."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def so(value, decimals: int = 0) -> str:
    """``{{ 60000|so }}`` → "60.000"; ``{{ 52.381|so:2 }}`` → "52,38"; not a number → as given."""
    try:
        number = Decimal(str(value))
        places = int(decimals)
    except (InvalidOperation, TypeError, ValueError):
        return "" if value is None else str(value)
    text = f"{number:,.{places}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
