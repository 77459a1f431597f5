"""PLACEHOLDER until the places stage lands (scaffolding, replaced by the stage's owner)."""


def find_places(ex):
    return []
