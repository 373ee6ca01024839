"""The officer's commands (called by tasks.py): build and atomic switch (`build`), live
preview (`live`, `dev_server`), check (`check`), new page (`new`), what a screen plays
at a moment (`slide_preview`), and Pelican's complaints in French (`pelican_log`).
"""
