"""Retrieved facts and passages -> an Answer with figures, formulas and citations."""
