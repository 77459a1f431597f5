"""PLACEHOLDER until the quantities stage lands (scaffolding, replaced by the stage's owner)."""


def find_quantities(ex):
    return []
