"""dgmm's survey platform: the Django web application where a survey cycle happens.

It is an adapter over the core: frameworks, answer parsing, scoring and results come from `dgmm`
functions; this package stores answers, enforces who may see and change what, and renders pages.
Nothing outside ``dgmm.web`` imports Django.
"""
