"""Questions -> what to look for and where: the scope a question names, parsing, retrieval."""
