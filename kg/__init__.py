"""News knowledge graph: articles in, an OWL-typed, SHACL-checked RDF graph out."""

__version__ = "0.1.0"
