"""The package version, read by the build backend and by ``valuing_involvement.__version__``."""

__version__ = "0.1.0.dev0"
