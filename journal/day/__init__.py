"""The day: Today and any past day (the entry form), one entry, History, the routine's ticks."""
