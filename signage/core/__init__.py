"""What every part of Vitrine shares, with no Pelican import.

Errors in French and the error hierarchy (`errors`), settings with their
defaults and checks (`settings`), the build's clock and Paris time zone
(`clock`), the one moment grammar (`moments`), absolute time intervals
(`intervals`), French words for times and days (`wording`), the officer's
vocabulary (`vocabulary`) and « vouliez-vous dire » (`suggest`), reading the
officer's metadata keys (`metadata`) and a file's header (`header`), the site's
URLs (`site_url`), opening photos within a size limit (`images`) and where the
project's files are (`paths`).
"""
