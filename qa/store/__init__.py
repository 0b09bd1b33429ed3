"""The on-disk index: SQLite chunks and facts, keyword and vector indexes, generations. No SQL leaves this package."""
