"""RDF side of the pipeline: the vocabulary and the mapping of extractions onto it."""
