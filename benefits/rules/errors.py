"""Why a case could not be evaluated at all (as opposed to being ineligible).

An ineligible request is a normal Decision with failing reasons; these errors
mean the engine cannot give an answer without guessing: an unknown cooperative
or benefit, no reglamento in force on the date, a malformed fact, or a yearly
parameter nobody has set.
"""


class RuleError(Exception):
    """Base class: the message is Spanish and safe to show to staff."""


class CaseError(RuleError):
    """A malformed case: wrong type, bad date, negative amount, unknown value."""


class UnknownCooperative(RuleError):
    pass


class UnknownBenefit(RuleError):
    pass


class NoRuleSetInForce(RuleError):
    """No version of the cooperative's reglamento covers the case's date."""


class MissingParameter(RuleError):
    """A parameter (SMMLV of a year, an amount the council sets) has no value."""
