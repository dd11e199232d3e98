"""Media library: images with alt text, caption and credit, and their renditions."""
