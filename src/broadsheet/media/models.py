"""The media library's one model: an uploaded image with its words and renditions."""

from __future__ import annotations

from django.db import models


class Image(models.Model):
    """A picture in the library; alt text is required so no page ships an unlabelled image."""

    file = models.ImageField(upload_to="images/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    title = models.CharField(max_length=200, blank=True, help_text="For finding it in the library.")
    alt_text = models.CharField(
        max_length=300, help_text="Describes the picture for readers who cannot see it. Required."
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(max_length=200, blank=True, help_text='e.g. "Photo: Ana Ruiz / The Daily".')
    # Widths actually rendered (never wider than the original), filled by media.services.
    rendition_widths = models.JSONField(default=list, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title or self.alt_text[:60]
