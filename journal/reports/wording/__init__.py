"""The reports in words, one module per audience (see ``common``)."""
