"""Pure analysis of a journal: statistics, next-day comparisons, the experiment's design and
result, simulated diaries and their validation. No Django here (a test checks it)."""
