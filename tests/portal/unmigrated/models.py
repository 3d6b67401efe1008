from django.db import models


class Forgotten(models.Model):
    """A model whose migration was never written: `make check` must fail on it."""

    name = models.CharField(max_length=10)

    def __str__(self):
        return self.name
