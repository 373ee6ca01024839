"""Drawing slides: text fitting (`textfit`), fonts (`fonts`), the drawing itself (`draw`), the render cache (`cache`)."""
