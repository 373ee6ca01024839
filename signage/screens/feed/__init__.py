"""The feed the screens poll: `json_feed` (feed.json, its schema `feed.schema.json`), `media_rss`, and `playlist`, the rule of what plays when."""
