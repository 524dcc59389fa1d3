"""factbot: sourced answers about Turkey–Kazakhstan relations, in the terminal and on Telegram."""

__version__ = "0.1.0"
