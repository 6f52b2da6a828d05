"""Content photos: resized, converted, cached and captioned; <figure><picture> in the HTML."""

from .plugin import register

__all__ = ["register"]
