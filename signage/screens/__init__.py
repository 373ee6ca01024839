"""The window screens: from `Slide: yes` pages to the feed the players poll.

`slides` reads and checks the slide keys, `schedule` turns them into absolute
intervals, `rendering/` draws each slide per screen (text fit, fonts, drawing,
render cache), `feed/` writes the feed (JSON and its schema, Media RSS, the
playlist rule), `generator` runs it all inside Pelican. `player/` is the
kiosk's web player, `preview/` the officer's preview page.
"""
