"""Which suppliers fit which benefits, by their CIIU codes (Rev. 4 A.C., DANE).

An e-invoice carries the supplier's economic activities in
IndustryClassificationCode (often absent). A mismatch with the kind of supplier
a benefit expects is a warning for staff, never a rejection: suppliers do
several things and declare one.
"""

# Prefixes of CIIU codes; a code matches a kind when it starts with one of them.
SUPPLIER_KINDS: dict[str, tuple[str, ...]] = {
    # 86: human health (8610 hospitals, 8621/8622 medical and dental practice,
    # 8691 diagnostics, 8692 paramedical, 8699 other); 4773 pharmacies; 3250
    # medical and dental instruments; 4774 specialised retail (optics, orthopaedics).
    "health": ("86", "4773", "3250", "4774", "8710", "8720"),
    "pharmacy": ("4773", "4645", "2100"),
    "optics": ("4774", "3250", "86"),
    "veterinary": ("7500", "4773"),
    # 931: sports activities; 4762 sporting goods; 8551 sports education.
    "sports": ("931", "4762", "8551"),
    # 85: education.
    "education": ("85",),
    # 79: travel agencies and tour operators; 55: accommodation; 4921/4922/5111: passenger transport.
    "tourism": ("79", "55", "4921", "4922", "5111", "9321"),
}

LABELS = {
    "health": "salud",
    "pharmacy": "droguería o farmacia",
    "optics": "óptica",
    "veterinary": "veterinaria",
    "sports": "deportes",
    "education": "educación",
    "tourism": "turismo",
}


def supplier_matches(kind: str | None, industry_codes: list[str]) -> bool | None:
    """True/False when the supplier's codes say so; None when there is nothing to compare."""
    if not kind or not industry_codes:
        return None
    prefixes = SUPPLIER_KINDS.get(kind, ())
    return any(code.strip().startswith(prefixes) for code in industry_codes if code)
