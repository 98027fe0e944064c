"""The weekly PEG check-in: its form, its pages, and when Today offers it."""
