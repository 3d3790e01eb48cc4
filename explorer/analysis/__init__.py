"""Questions asked of a loaded corpus: who argues what, walks, outcomes, search, hedge words.

Pure computations over the model; no Textual, no file reading."""
