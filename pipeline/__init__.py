"""govmedia: docs-as-code publishing for a government unit's new-media accounts."""

__version__ = "0.1.0"
