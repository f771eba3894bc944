"""Testing helpers for projects that use valuing-involvement (needs the ``hypothesis`` extra)."""
