"""Rich renderers: they take core results and only present them."""
