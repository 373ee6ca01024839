"""What every part of Vitrine shares, with no Pelican import.

Errors in French (`errors`), settings and their checks (`settings`), the
build's clock (`clock`), absolute time intervals (`intervals`), French words
for times and days (`wording`), reading the officer's metadata keys
(`metadata`) and where the project's files are (`paths`).
"""
