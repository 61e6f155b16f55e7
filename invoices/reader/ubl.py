"""Reading DIAN UBL 2.1 trees: namespaces and cheap lookups bound to namespace URIs,
never to the prefixes a file happens to use (REFERENCE §5.2 pitfall 14)."""

from __future__ import annotations

import functools
import re

from lxml import etree

UBL = "urn:oasis:names:specification:ubl:schema:xsd:"
CBC = "{" + UBL + "CommonBasicComponents-2}"
CAC = "{" + UBL + "CommonAggregateComponents-2}"
EXT = "{" + UBL + "CommonExtensionComponents-2}"
ROOTS = {
    name: UBL + name + "-2"
    for name in ("Invoice", "CreditNote", "DebitNote", "AttachedDocument", "ApplicationResponse")
}
EINVOICE_ROOTS = ("Invoice", "CreditNote", "DebitNote")

# A plain decimal as DIAN writes it; bounded so hostile 10 MB "numbers" never reach Decimal.
_DECIMAL = re.compile(r"^[+-]?\d{1,22}(?:\.\d{1,12})?$")
_STEP = re.compile(r"(?:\{[^}]*\})?[^/{]+")


def root_name(root: etree._Element) -> str | None:
    """'Invoice', 'AttachedDocument', ... when the root is that UBL document, else None."""
    if not isinstance(root.tag, str):
        return None
    qname = etree.QName(root)
    return qname.localname if ROOTS.get(qname.localname) == qname.namespace else None


def local_name(element: etree._Element) -> str | None:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else None


@functools.lru_cache(maxsize=512)
def _steps(path: str) -> tuple[str, ...]:
    return tuple(_STEP.findall(path))


def child(element: etree._Element | None, path: str) -> etree._Element | None:
    """The first element along a child path like ``{ns}A/{ns}B`` (as ``element.find(path)``,
    without ElementPath's Python machinery)."""
    for tag in _steps(path):
        if element is None:
            return None
        element = next(element.iterchildren(tag), None)
    return element


def every(element: etree._Element | None, path: str):
    """All elements along a child path (as ``element.iterfind(path)``), walked in C."""
    steps = _steps(path)

    def walk(node: etree._Element, depth: int):
        tag = steps[depth]
        for found in node:
            if found.tag != tag:
                continue
            if depth == len(steps) - 1:
                yield found
            else:
                yield from walk(found, depth + 1)

    if element is not None:
        yield from walk(element, 0)


def text(element: etree._Element | None, path: str | None = None) -> str | None:
    """Stripped text of ``element`` (or of its first ``path`` match); None when absent or blank."""
    if path is not None and element is not None:
        element = child(element, path)
    if element is None:
        return None
    value = element.text  # each access builds a new string: read it once
    if value is None:
        return None
    return value.strip() or None


def attr(element: etree._Element | None, name: str) -> str | None:
    if element is None:
        return None
    value = element.get(name)
    if value is None:
        return None
    return value.strip() or None


class Amounts:
    """Reads amounts as stated, remembering which ones were present but unreadable."""

    def __init__(self) -> None:
        self.unreadable: list[str] = []

    def get(self, element: etree._Element | None, path: str | None, label: str) -> str | None:
        return self.of(child(element, path) if path is not None else element, label)

    def of(self, element: etree._Element | None, label: str) -> str | None:
        value = text(element)
        if value is None:
            return None
        if not _DECIMAL.match(value):
            self.unreadable.append(label)
            return None
        return value


def child_by_local_name(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    for item in element.iterchildren():
        if local_name(item) == name:
            return item
    return None


def by_local_name(element: etree._Element | None) -> dict[str, etree._Element]:
    """An element's children by local name (first of each), for the sts:* elements."""
    found: dict[str, etree._Element] = {}
    if element is not None:
        for item in element:
            name = local_name(item)
            if name is not None and name not in found:
                found[name] = item
    return found


def dian_extensions(extensions: etree._Element | None) -> etree._Element | None:
    """sts:DianExtensions under ext:UBLExtensions, whatever its namespace (three are in use, REFERENCE §2.1)."""
    if extensions is None:
        return None
    for content in every(extensions, f"{EXT}UBLExtension/{EXT}ExtensionContent"):
        found = child_by_local_name(content, "DianExtensions")
        if found is not None:
            return found
    return None


_TAG_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def _wanted(tags: tuple[str, ...]) -> frozenset[str]:
    wanted = _TAG_SETS.get(tags)
    if wanted is None:
        wanted = _TAG_SETS[tags] = frozenset(tags)
    return wanted


def gather(element: etree._Element | None, *tags: str) -> dict[str, etree._Element]:
    """The first child with each of ``tags``, in one pass over the children.

    Extraction reads some sixty values per document; one pass per element with a
    set lookup keeps that cheaper than parsing the file. (ElementPath lookups, and
    lxml's multi-tag ``iterchildren`` which rebuilds its matcher on every call,
    both cost more than the parse itself.)
    """
    found: dict[str, etree._Element] = {}
    if element is not None:
        wanted = _wanted(tags)
        for item in element:
            tag = item.tag
            if tag in wanted and tag not in found:
                found[tag] = item
    return found


def groups(element: etree._Element | None, *tags: str) -> dict[str, list[etree._Element]]:
    """Every child with each of ``tags``, grouped by tag, in one pass."""
    found: dict[str, list[etree._Element]] = {}
    if element is not None:
        wanted = _wanted(tags)
        for item in element:
            tag = item.tag
            if tag in wanted:
                found.setdefault(tag, []).append(item)
    return found


def first(found: dict[str, list[etree._Element]], tag: str) -> etree._Element | None:
    """The first element of ``tag`` in a ``groups`` result."""
    elements = found.get(tag)
    return elements[0] if elements else None
