"""Files -> Documents: PDF and text pages, tables, the report's identity, and chunks."""
