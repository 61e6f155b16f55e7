from django import template

from core.dates import format_date, format_datetime
from core.money import format_pesos

register = template.Library()


@register.filter
def pesos(value):
    """{{ amount|pesos }} → $1.750.905"""
    return format_pesos(value)


@register.filter
def fecha(value):
    """{{ day|fecha }} → 20 de febrero de 2026"""
    return format_date(value)


@register.filter
def fecha_hora(value):
    """{{ moment|fecha_hora }} → 20 de febrero de 2026, 14:05"""
    return format_datetime(value)
