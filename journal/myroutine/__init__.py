"""My routine: the person's own choice of exercises (one, two, three or all) and their order."""
