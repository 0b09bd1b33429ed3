"""Text helpers shared by every step: whitespace, CJK, numbers, sentences. One definition of each."""
