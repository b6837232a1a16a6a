"""The model layer: the validated corpus models and the walk over their facts, problems and
their catalogue, limits, country names, terminal-safe text, staleness and the JSON Schemas.
Imports nothing else of comity."""
