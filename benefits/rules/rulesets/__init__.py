"""One module per cooperative; each defines RULE_SETS (every version of its reglamento)."""
