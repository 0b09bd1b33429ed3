"""Questions -> what to look for and where: parsing, the embedder, and retrieval over the store."""
