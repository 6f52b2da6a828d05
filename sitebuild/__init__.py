"""The edge between people and Pelican: building, serving, scaffolding and publishing the site."""
