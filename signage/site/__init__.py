"""The public website: what the theme needs beyond Pelican's own pages.

The build's shared facts and the hours page (`build_context`, `hours`), the
events and their calendars, feed and structured data (`events`,
`events_generator`, `calendar_ics`, `events_feed`, `jsonld`), sanitising the
officer's HTML (`sanitize`), local images (`content_images`), French dates
for templates (`dates_fr`) and the State design system's files (`dsfr_assets`).
`vocabulary_check` checks every page's keys and category, for the site and the screens.
"""
