"""Documents -> facts: figures from table cells and narrative clauses, each with its subject, measure and quote."""
