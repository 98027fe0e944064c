"""Does it help almost at once? The before/after ratings around the routine, the rest
sessions of a short randomised comparison, and what Reports say about them."""
