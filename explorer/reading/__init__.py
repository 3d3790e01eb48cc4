"""From files to a validated model: finding a corpus, located YAML, building, loading, the cache."""
