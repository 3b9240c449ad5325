"""The Voilà apps, as functions that return widgets; each notebook in notebooks/apps/
only calls one of them."""
