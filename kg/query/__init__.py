"""SPARQL evaluation for the endpoint: request checks, result formats and killable worker processes."""
