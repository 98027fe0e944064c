"""The randomised self-experiment: its form, pages, results for the pages and wording."""
