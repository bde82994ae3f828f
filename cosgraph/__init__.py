"""cosgraph: map a Community of Solutions as a living network."""

#: The version, here alone: the package's metadata reads it from here (pyproject.toml),
#: and a load's record keys on it without importing ``importlib.metadata`` (20 ms).
__version__ = "0.1.0"
