"""Your data: the summary, the exports, an import and deleting the account."""
