"""HTTP clients and renderers for the platforms a post is published to (platforms.md)."""
