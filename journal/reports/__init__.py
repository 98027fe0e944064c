"""Reports: what the journal says about practice and pain, in words, charts and a PDF."""
